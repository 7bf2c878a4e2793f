package org.bangban.relay.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The browser's side of the one BUNDLE transport: the ICE credentials its connectivity checks use, the
 * fingerprints its DTLS certificate must match, the DTLS role it wrote, and any candidates it put in the SDP.
 */
public record RemoteTransport(String iceUfrag, String icePwd, List<Fingerprint> fingerprints, Setup setup,
                              List<Candidate> candidates) {

    public RemoteTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        candidates = List.copyOf(candidates);
    }

    /**
     * The fingerprint to check the browser's certificate against: the one with the most preferred hash function
     * the relay supports (sha-256 first).
     */
    public Optional<Fingerprint> preferredFingerprint() {
        for (String alg : Fingerprint.SUPPORTED) {
            for (Fingerprint f : fingerprints) {
                if (f.algorithm().toLowerCase(Locale.ROOT).equals(alg)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
