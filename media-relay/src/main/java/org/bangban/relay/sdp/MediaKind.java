package org.bangban.relay.sdp;

/** What an m-line carries, from its first token ({@code m=audio ...}). */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video"),
    /** {@code m=application}: in WebRTC, the SCTP data channel. */
    APPLICATION("application"),
    /** Any other media token (text, message, ...): kept by the parser, refused by the answerer. */
    OTHER("");

    private final String token;

    MediaKind(String token) {
        this.token = token;
    }

    /** The m-line token; empty for {@link #OTHER}. */
    public String token() {
        return token;
    }

    public static MediaKind of(String media) {
        for (MediaKind k : values()) {
            if (k != OTHER && k.token.equals(media)) {
                return k;
            }
        }
        return OTHER;
    }
}
