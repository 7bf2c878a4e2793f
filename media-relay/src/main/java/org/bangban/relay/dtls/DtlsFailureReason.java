package org.bangban.relay.dtls;

/** Why a DTLS handshake did not complete. Bounded, usable as a metrics tag. */
public enum DtlsFailureReason {
    /** The handshake did not finish within the configured deadline (peer silent or too lossy). */
    TIMEOUT,
    /** The remote SDP fingerprint was not set before the deadline, so the client could not be checked. */
    FINGERPRINT_MISSING,
    /** The client's certificate does not hash to the fingerprint in its SDP. */
    FINGERPRINT_MISMATCH,
    /** The client sent no certificate although one is mandatory (RFC 5763 section 5). */
    NO_CLIENT_CERTIFICATE,
    /** The client offered no use_srtp extension, or no protection profile the relay supports. */
    SRTP_NOT_NEGOTIATED,
    /** No common protocol version, cipher suite, group, or no extended master secret. */
    NEGOTIATION_FAILED,
    /** The client aborted with a fatal alert. */
    PEER_ALERT,
    /** The client sent a malformed or unexpected handshake message, or a bad signature. */
    PROTOCOL_ERROR,
    /** No handshake thread became free before the deadline. */
    OVERLOADED,
    /** The session was closed locally before the handshake finished (no callback). */
    CLOSED,
    /** A bug or an unexpected exception in the relay. */
    INTERNAL_ERROR
}
