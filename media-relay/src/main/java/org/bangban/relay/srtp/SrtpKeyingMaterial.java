package org.bangban.relay.srtp;

import java.util.Arrays;

/**
 * Master keys and salts for both directions of one DTLS-SRTP association, split from the
 * exporter output "EXTRACTOR-dtls_srtp" as RFC 5764 section 4.2 lays it out:
 * client key, server key, client salt, server salt.
 *
 * <p>The relay is always the DTLS server, so it protects what it sends with the server
 * key and unprotects what it receives with the client key.
 */
public record SrtpKeyingMaterial(SrtpProfile profile,
                                 byte[] clientKey, byte[] clientSalt,
                                 byte[] serverKey, byte[] serverSalt) {

    public SrtpKeyingMaterial {
        if (clientKey.length != profile.keyLength() || serverKey.length != profile.keyLength()
                || clientSalt.length != profile.saltLength() || serverSalt.length != profile.saltLength()) {
            throw new IllegalArgumentException("key or salt length does not match " + profile);
        }
    }

    /** Splits exporter output of {@link SrtpProfile#keyingMaterialLength()} bytes. */
    public static SrtpKeyingMaterial fromExporter(SrtpProfile profile, byte[] exported) {
        if (exported.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("exporter gave " + exported.length + " bytes, "
                    + profile + " needs " + profile.keyingMaterialLength());
        }
        int k = profile.keyLength();
        int s = profile.saltLength();
        return new SrtpKeyingMaterial(profile,
                Arrays.copyOfRange(exported, 0, k),
                Arrays.copyOfRange(exported, 2 * k, 2 * k + s),
                Arrays.copyOfRange(exported, k, 2 * k),
                Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s));
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + ", keys hidden]";
    }
}
