package org.bangban.relay.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** A value as Chromium writes it in SDP. */
    static final String CHROME = "sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:"
            + "DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08";

    private static Fingerprint parsed(String value) {
        FingerprintParseResult r = Fingerprint.parse(value);
        assertThat(r).isInstanceOf(FingerprintParseResult.Parsed.class);
        return ((FingerprintParseResult.Parsed) r).fingerprint();
    }

    private static FingerprintParseResult.Reason rejected(String value) {
        FingerprintParseResult r = Fingerprint.parse(value);
        assertThat(r).isInstanceOf(FingerprintParseResult.Invalid.class);
        return ((FingerprintParseResult.Invalid) r).reason();
    }

    @Test
    void parsesBrowserSha256AndWritesItBack() {
        Fingerprint f = parsed(CHROME);
        assertThat(f.algorithm()).isEqualTo(Fingerprint.Algorithm.SHA_256);
        assertThat(f.digest()).isEqualTo(HexFormat.of().parseHex(
                "7B8BF0655F78E2513BAC6FF33F461B35DCB85F641A24C243F0A158D0A12C1908"));
        assertThat(f.toSdp()).isEqualTo(CHROME);
        assertThat(parsed(f.toSdp())).isEqualTo(f).hasSameHashCodeAs(f);
    }

    @Test
    void hashNameAndHexAreCaseInsensitiveAndWhiteSpaceAroundIsIgnored() {
        Fingerprint lower = parsed("  SHA-256   " + CHROME.substring(8).toLowerCase() + "\r\n");
        assertThat(lower).isEqualTo(parsed(CHROME));
    }

    @Test
    void acceptsOtherShaFunctionsWithTheirLengths() {
        byte[] der = "not really a certificate".getBytes(StandardCharsets.US_ASCII);
        for (Fingerprint.Algorithm a : Fingerprint.Algorithm.values()) {
            Fingerprint f = Fingerprint.of(a, der);
            assertThat(f.digest()).hasSize(a.digestLength());
            assertThat(f.toSdp()).startsWith(a.sdpName() + " ");
            assertThat(parsed(f.toSdp())).isEqualTo(f);
            assertThat(f.matches(der)).isTrue();
        }
    }

    @Test
    void matchesOnlyTheCertificateItWasMadeFrom() throws Exception {
        byte[] der = DtlsCertificate.generate().der();
        Fingerprint f = parsed("sha-256 " + colonHex(MessageDigest.getInstance("SHA-256").digest(der)));
        assertThat(f.matches(der)).isTrue();
        byte[] other = der.clone();
        other[other.length - 1] ^= 1;
        assertThat(f.matches(other)).isFalse();
        assertThat(f.matches(new byte[0])).isFalse();
        assertThat(f.matches(null)).isFalse();
    }

    @Test
    void rejectsEachKindOfBadValue() {
        assertThat(rejected(null)).isEqualTo(FingerprintParseResult.Reason.NULL_INPUT);
        assertThat(rejected("sha-256 " + "AB:".repeat(100))).isEqualTo(FingerprintParseResult.Reason.TOO_LONG);
        assertThat(rejected("sha-256")).isEqualTo(FingerprintParseResult.Reason.MISSING_DIGEST);
        assertThat(rejected("")).isEqualTo(FingerprintParseResult.Reason.MISSING_DIGEST);
        assertThat(rejected("md5 AB:CD")).isEqualTo(FingerprintParseResult.Reason.UNSUPPORTED_HASH);
        assertThat(rejected("sha-224 AB:CD")).isEqualTo(FingerprintParseResult.Reason.UNSUPPORTED_HASH);
        assertThat(rejected(CHROME.replace(':', '-'))).isEqualTo(FingerprintParseResult.Reason.BAD_HEX);
        assertThat(rejected(CHROME.replace('B', 'G'))).isEqualTo(FingerprintParseResult.Reason.BAD_HEX);
        assertThat(rejected(CHROME + ":")).isEqualTo(FingerprintParseResult.Reason.BAD_HEX);
        assertThat(rejected("sha-256 ７B:8B")).isEqualTo(FingerprintParseResult.Reason.BAD_HEX);
        assertThat(rejected(CHROME.substring(0, CHROME.length() - 3)))
                .isEqualTo(FingerprintParseResult.Reason.WRONG_LENGTH);
        assertThat(rejected("sha-1 " + CHROME.substring(8))).isEqualTo(FingerprintParseResult.Reason.WRONG_LENGTH);
    }

    @Test
    void randomAndMutatedInputNeverThrows() {
        Random random = new Random(1);
        String alphabet = "sha-125648 :ABCDEFabcdef0123456789\t\u0000é";
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String value;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(120);
                for (int k = 0; k < n; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                value = sb.toString();
            } else {
                char[] c = CHROME.toCharArray();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                value = new String(c);
            }
            FingerprintParseResult r = Fingerprint.parse(value);
            assertThat(r).isNotNull();
            if (r instanceof FingerprintParseResult.Parsed p) {
                parsed++;
                assertThat(p.fingerprint().digest()).hasSize(p.fingerprint().algorithm().digestLength());
            }
        }
        assertThat(parsed).isPositive().isLessThan(20_000);
    }

    private static String colonHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
