package org.bangban.relay.dtls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as carried by the SDP {@code a=fingerprint} attribute
 * (RFC 8122 section 5, e.g. {@code "sha-256 AB:CD:..."}): a hash function and the digest of the
 * DER-encoded certificate. Immutable.
 */
public final class Fingerprint {

    /** Hash functions accepted in {@code a=fingerprint}. sha-256 is what browsers send. */
    public enum Algorithm {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        private final String sdpName;
        private final String jcaName;
        private final int digestLength;

        Algorithm(String sdpName, String jcaName, int digestLength) {
            this.sdpName = sdpName;
            this.jcaName = jcaName;
            this.digestLength = digestLength;
        }

        /** The hash-func token as written in SDP, lower case. */
        public String sdpName() {
            return sdpName;
        }

        public int digestLength() {
            return digestLength;
        }

        static Algorithm ofSdpName(String token) {
            for (Algorithm a : values()) {
                if (a.sdpName.equalsIgnoreCase(token)) {
                    return a;
                }
            }
            return null;
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(jcaName).digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(jcaName + " unavailable", e);
            }
        }
    }

    /** "sha-512 " plus 64 hex pairs and 63 colons, with room for surrounding white space. */
    static final int MAX_SDP_LENGTH = 256;

    private final Algorithm algorithm;
    private final byte[] digest;

    private Fingerprint(Algorithm algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static Fingerprint of(Algorithm algorithm, byte[] certificateDer) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(certificateDer, "certificateDer");
        return new Fingerprint(algorithm, algorithm.digest(certificateDer));
    }

    /**
     * Parses the value of an SDP {@code a=fingerprint} attribute (without the {@code a=fingerprint:}
     * prefix): hash function token (case-insensitive), one or more spaces, colon-separated hex pairs
     * (either case). Surrounding white space is ignored. Never throws.
     */
    public static FingerprintParseResult parse(String sdpValue) {
        if (sdpValue == null) {
            return invalid(FingerprintParseResult.Reason.NULL_INPUT);
        }
        if (sdpValue.length() > MAX_SDP_LENGTH) {
            return invalid(FingerprintParseResult.Reason.TOO_LONG);
        }
        String value = sdpValue.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return invalid(FingerprintParseResult.Reason.MISSING_DIGEST);
        }
        Algorithm algorithm = Algorithm.ofSdpName(value.substring(0, space));
        if (algorithm == null) {
            return invalid(FingerprintParseResult.Reason.UNSUPPORTED_HASH);
        }
        String hex = value.substring(space + 1).stripLeading();
        // n bytes are written as 3n - 1 characters: "AB:CD:EF"
        if ((hex.length() + 1) % 3 != 0) {
            return invalid(hex.isEmpty() ? FingerprintParseResult.Reason.MISSING_DIGEST
                    : FingerprintParseResult.Reason.BAD_HEX);
        }
        int n = (hex.length() + 1) / 3;
        byte[] digest = new byte[n];
        for (int i = 0; i < n; i++) {
            int p = 3 * i;
            int hi = hexValue(hex.charAt(p));
            int lo = hexValue(hex.charAt(p + 1));
            if (hi < 0 || lo < 0 || (i < n - 1 && hex.charAt(p + 2) != ':')) {
                return invalid(FingerprintParseResult.Reason.BAD_HEX);
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        if (n != algorithm.digestLength()) {
            return invalid(FingerprintParseResult.Reason.WRONG_LENGTH);
        }
        return new FingerprintParseResult.Parsed(new Fingerprint(algorithm, digest));
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static FingerprintParseResult invalid(FingerprintParseResult.Reason reason) {
        return new FingerprintParseResult.Invalid(reason);
    }

    /**
     * Whether {@code certificateDer} hashes to this fingerprint. The digest comparison takes the
     * same time wherever the first differing byte is.
     */
    public boolean matches(byte[] certificateDer) {
        if (certificateDer == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, algorithm.digest(certificateDer));
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** A copy of the digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The SDP form, e.g. {@code "sha-256 AB:CD:..."} (upper-case hex, RFC 8122). */
    public String toSdp() {
        StringBuilder sb = new StringBuilder(algorithm.sdpName().length() + 1 + digest.length * 3);
        sb.append(algorithm.sdpName()).append(' ');
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02X", digest[i] & 0xFF));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.algorithm == algorithm && Arrays.equals(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdp();
    }
}
