package org.bangban.relay.dtls;

/**
 * Where a DTLS session sends its datagrams (to the peer's selected ICE candidate pair). Called
 * from a handshake-pool thread, or from the thread calling {@link DtlsServerSession#close()}.
 * Never called again once {@code close()} has returned.
 */
@FunctionalInterface
public interface DtlsPacketSink {

    /**
     * Sends one UDP datagram. The array belongs to the caller and is valid only during this call:
     * copy what you keep. Must not block for long; a failure is a lost datagram (DTLS retransmits),
     * so implementations should swallow it rather than throw.
     */
    void send(byte[] datagram, int offset, int length);
}
