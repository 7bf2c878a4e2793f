package org.bangban.relay.transport;

/** Why the dispatcher dropped a packet before it reached an endpoint (a metrics tag). */
public enum DropReason {
    EMPTY,
    /** First byte outside the RFC 7983 ranges of STUN, DTLS and RTP/RTCP. */
    UNKNOWN_KIND,
    STUN_MALFORMED,
    /** A STUN message other than a Binding request or indication (a lite agent sends no requests). */
    STUN_UNEXPECTED,
    STUN_NO_USERNAME,
    STUN_UNKNOWN_UFRAG,
    STUN_REJECTED,
    /** DTLS or RTP from an address no ICE check validated. */
    UNKNOWN_SOURCE;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
