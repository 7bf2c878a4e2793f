package org.bangban.relay.rtcp;

/**
 * One parsed RTCP packet of a compound datagram: a small immutable value for the control plane.
 * 32-bit SSRCs and RTP timestamps are {@code int}s holding the unsigned bit pattern.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Bye, GenericNack, TransportCc, Pli, Fir, Remb,
        UnknownRtcp {

    /** Number of bytes {@link #write} produces (a multiple of 4). */
    int size();

    /**
     * Serialises this packet at {@code dst[off]} and returns {@link #size()}.
     *
     * @throws IndexOutOfBoundsException when {@code dst} has fewer than {@link #size()} bytes from {@code off}
     */
    int write(byte[] dst, int off);
}
