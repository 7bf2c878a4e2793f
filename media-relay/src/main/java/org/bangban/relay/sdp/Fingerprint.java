package org.bangban.relay.sdp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A DTLS certificate fingerprint, {@code a=fingerprint:sha-256 AB:CD:...} (RFC 8122): the hash function name and the
 * digest as colon-separated hex pairs, kept as written.
 */
public record Fingerprint(String algorithm, String value) {

    /** Hash functions the relay can verify, strongest preference first. */
    static final String[] SUPPORTED = {"sha-256", "sha-384", "sha-512", "sha-1"};

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /** The relay's own fingerprint from the SHA-256 digest of its DER certificate. */
    public static Fingerprint sha256(byte[] digest) {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return new Fingerprint("sha-256", colonHex(digest));
    }

    /** The digest bytes. */
    public byte[] digest() {
        return HexFormat.ofDelimiter(":").parseHex(value.toLowerCase(Locale.ROOT));
    }

    /** Whether the relay can check a certificate against this fingerprint (its hash function is known). */
    public boolean isSupported() {
        return javaAlgorithm() != null;
    }

    /**
     * Whether {@code certificateDer} (the peer's DER certificate from the DTLS handshake) hashes to this
     * fingerprint. False for an unsupported hash function.
     */
    public boolean matchesCertificate(byte[] certificateDer) {
        String name = javaAlgorithm();
        if (name == null || certificateDer == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance(name).digest(certificateDer), digest());
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    private String javaAlgorithm() {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> null;
        };
    }

    static String colonHex(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
