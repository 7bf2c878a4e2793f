package org.bangban.relay.media;

import java.util.Locale;

/** Why the relay dropped a packet after the dispatcher (the dispatcher's own reasons are separate). */
public enum DropCause {
    DTLS_REFUSED,
    SRTP_BEFORE_DTLS,
    TOO_LARGE,
    RTP_MALFORMED,
    RTCP_MALFORMED,
    /** RTP with an SSRC the endpoint's SDP did not announce. */
    UNKNOWN_SSRC,
    /** An observer's track that no routing allows, or a track nobody receives. */
    NOT_ROUTED,
    /** The receiver did not accept the codec the source sends. */
    CODEC_NOT_NEGOTIATED,
    RECEIVER_NOT_CONNECTED,
    /** The stream rewriter refused it: duplicate, stale source, unconfirmed jump, too old. */
    REWRITE_REFUSED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
