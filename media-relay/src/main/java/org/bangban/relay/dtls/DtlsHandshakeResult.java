package org.bangban.relay.dtls;

import java.time.Duration;
import java.util.Objects;
import org.bangban.relay.srtp.SrtpKeyingMaterial;
import org.bangban.relay.srtp.SrtpProfile;

/**
 * A completed DTLS-SRTP handshake: the negotiated SRTP protection profile, the SRTP master keys
 * and salts exported with the label "EXTRACTOR-dtls_srtp" (RFC 5764 section 4.2), the TLS cipher
 * suite that protected the handshake, and how long it took from the first ClientHello.
 */
public record DtlsHandshakeResult(SrtpProfile profile, SrtpKeyingMaterial keyingMaterial,
                                  String cipherSuite, Duration duration) {
    public DtlsHandshakeResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(duration, "duration");
        if (keyingMaterial.profile() != profile) {
            throw new IllegalArgumentException("keying material is for " + keyingMaterial.profile());
        }
    }
}
