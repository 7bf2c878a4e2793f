package org.bangban.relay.sdp;

import java.util.Optional;

/** The media direction attribute of an m-line (RFC 8866 6.7), always seen from the side that wrote it. */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String token;
    private final boolean sends;
    private final boolean receives;

    Direction(String token, boolean sends, boolean receives) {
        this.token = token;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name as written in SDP, e.g. {@code sendonly}. */
    public String token() {
        return token;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The same direction seen from the other peer (sendonly becomes recvonly). */
    public Direction reversed() {
        return of(receives, sends);
    }

    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    public static Optional<Direction> fromToken(String token) {
        for (Direction d : values()) {
            if (d.token.equals(token)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
