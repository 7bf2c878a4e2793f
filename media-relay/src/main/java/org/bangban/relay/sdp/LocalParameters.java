package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The relay's own transport for one endpoint, written into every description it makes: ICE credentials, the
 * SHA-256 fingerprint of its DTLS certificate, its host candidates (see {@link Candidate#host}) and the numeric
 * session id of its {@code o=} line.
 */
public record LocalParameters(String iceUfrag, String icePwd, Fingerprint fingerprint, List<Candidate> candidates,
                              long sessionId) {

    public LocalParameters {
        if (iceUfrag == null || iceUfrag.length() < 4 || iceUfrag.length() > 256 || !SdpParser.isIceChars(iceUfrag)) {
            throw new IllegalArgumentException("ICE ufrag must be 4..256 ICE characters");
        }
        if (icePwd == null || icePwd.length() < 22 || icePwd.length() > 256 || !SdpParser.isIceChars(icePwd)) {
            throw new IllegalArgumentException("ICE password must be 22..256 ICE characters");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must not be negative");
        }
    }

    TransportAttributes transport(Setup setup) {
        return TransportAttributes.of(iceUfrag, icePwd, fingerprint, setup);
    }

    /** The default candidate for the m= port and c= line (RFC 8839 4.2.1.1): the first UDP one, else port 9. */
    Candidate defaultCandidate() {
        for (Candidate c : candidates) {
            if (c.isUdp()) {
                return c;
            }
        }
        return null;
    }

    int defaultPort() {
        Candidate c = defaultCandidate();
        return c == null ? 9 : c.port();
    }

    SdpLine connectionLine() {
        Candidate c = defaultCandidate();
        if (c == null) {
            return new SdpLine('c', "IN IP4 0.0.0.0");
        }
        return new SdpLine('c', (c.address().indexOf(':') >= 0 ? "IN IP6 " : "IN IP4 ") + c.address());
    }
}
