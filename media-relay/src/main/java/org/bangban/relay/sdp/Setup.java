package org.bangban.relay.sdp;

import java.util.Optional;

/** The DTLS role attribute {@code a=setup} (RFC 4145, RFC 5763): who opens the DTLS handshake. */
public enum Setup {
    /** The writer will be the DTLS client. */
    ACTIVE("active"),
    /** The writer will be the DTLS server. */
    PASSIVE("passive"),
    /** Offer-only: the answerer chooses. */
    ACTPASS("actpass"),
    HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Setup> fromToken(String token) {
        for (Setup s : values()) {
            if (s.token.equals(token)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
