package org.bangban.relay.dtls;

/**
 * Receives the outcome of one endpoint's DTLS session. Methods are called from a handshake-pool
 * thread, at most once each, and never after {@link DtlsServerSession#close()} was called. Exactly
 * one of {@link #handshakeSucceeded} and {@link #handshakeFailed} is called per session unless it
 * is closed first. Keep them short; exceptions they throw are logged and ignored.
 */
public interface DtlsSessionListener {

    /** The handshake completed and the client was authenticated by its SDP fingerprint. */
    void handshakeSucceeded(DtlsHandshakeResult result);

    /** The handshake failed; the session is finished and frees its resources. */
    void handshakeFailed(DtlsFailure failure);

    /**
     * An established association ended without {@code close()}: the client sent close_notify or a
     * fatal alert, or a later record could not be processed. The SRTP keys stay valid as far as DTLS
     * is concerned, but a browser that closes DTLS is leaving; the endpoint normally tears down.
     */
    default void connectionClosed(String why) {
    }
}
