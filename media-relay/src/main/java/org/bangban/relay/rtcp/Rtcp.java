package org.bangban.relay.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Entry points of the RTCP codec: parse a compound datagram into {@link RtcpPacket} values and
 * write a list of them back as one compound. For allocation-free routing (e.g. reading the media
 * SSRC of a PLI) use {@link RtcpCompound} and {@link RtcpHeader} directly.
 */
public final class Rtcp {

    private Rtcp() {
    }

    /**
     * Parses every packet of the compound at {@code [off, off + len)}. Never throws; framing errors
     * and malformed SR, RR, SDES, BYE, NACK, transport-cc, PLI, FIR or REMB bodies give
     * {@link RtcpParseResult.Invalid}. Types and formats not decoded here become {@link UnknownRtcp}.
     */
    public static RtcpParseResult parse(byte[] buf, int off, int len) {
        RtcpCompound c = new RtcpCompound().reset(buf, off, len);
        List<RtcpPacket> packets = new ArrayList<>();
        while (c.next()) {
            RtcpValidity problem = decode(buf, c, packets);
            if (problem != RtcpValidity.VALID) {
                return new RtcpParseResult.Invalid(problem);
            }
        }
        if (c.error() != RtcpValidity.VALID) {
            return new RtcpParseResult.Invalid(c.error());
        }
        return new RtcpParseResult.Parsed(packets);
    }

    private static RtcpValidity decode(byte[] b, RtcpCompound c, List<RtcpPacket> out) {
        int off = c.offset();
        int len = c.contentLength();
        int type = c.packetType();
        int fmt = c.count();
        RtcpPacket packet;
        RtcpValidity reason;
        if (type == RtcpHeader.SR) {
            packet = SenderReport.parse(b, off, len);
            reason = RtcpValidity.BAD_SENDER_REPORT;
        } else if (type == RtcpHeader.RR) {
            packet = ReceiverReport.parse(b, off, len);
            reason = RtcpValidity.BAD_RECEIVER_REPORT;
        } else if (type == RtcpHeader.SDES) {
            packet = SourceDescription.parse(b, off, len);
            reason = RtcpValidity.BAD_SDES;
        } else if (type == RtcpHeader.BYE) {
            packet = Bye.parse(b, off, len);
            reason = RtcpValidity.BAD_BYE;
        } else if ((type == RtcpHeader.RTPFB || type == RtcpHeader.PSFB) && len < RtcpHeader.FEEDBACK_HEADER_LENGTH) {
            return RtcpValidity.BAD_FEEDBACK;
        } else if (type == RtcpHeader.RTPFB && fmt == RtcpHeader.FMT_NACK) {
            packet = GenericNack.parse(b, off, len);
            reason = RtcpValidity.BAD_NACK;
        } else if (type == RtcpHeader.RTPFB && fmt == RtcpHeader.FMT_TRANSPORT_CC) {
            packet = TransportCc.parse(b, off, len);
            reason = RtcpValidity.BAD_TRANSPORT_CC;
        } else if (type == RtcpHeader.PSFB && fmt == RtcpHeader.FMT_PLI) {
            packet = Pli.parse(b, off);
            reason = RtcpValidity.BAD_FEEDBACK;
        } else if (type == RtcpHeader.PSFB && fmt == RtcpHeader.FMT_FIR) {
            packet = Fir.parse(b, off, len);
            reason = RtcpValidity.BAD_FIR;
        } else if (type == RtcpHeader.PSFB && fmt == RtcpHeader.FMT_AFB && Remb.isRemb(b, off, len)) {
            packet = Remb.parse(b, off, len);
            reason = RtcpValidity.BAD_REMB;
        } else {
            packet = new UnknownRtcp(Arrays.copyOfRange(b, off, off + c.length()));
            reason = RtcpValidity.VALID;
        }
        if (packet == null) {
            return reason;
        }
        out.add(packet);
        return RtcpValidity.VALID;
    }

    /** Total bytes {@link #write} produces for these packets. */
    public static int size(List<? extends RtcpPacket> packets) {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.size();
        }
        return n;
    }

    /**
     * Writes the packets back to back (a compound) at {@code dst[off]} and returns the total length.
     *
     * @throws IndexOutOfBoundsException when {@code dst} is too small; nothing is written then
     */
    public static int write(List<? extends RtcpPacket> packets, byte[] dst, int off) {
        Objects.checkFromIndexSize(off, size(packets), dst.length);
        int p = off;
        for (RtcpPacket packet : packets) {
            p += packet.write(dst, p);
        }
        return p - off;
    }
}
