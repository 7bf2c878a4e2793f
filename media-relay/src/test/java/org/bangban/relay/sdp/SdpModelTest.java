package org.bangban.relay.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpModelTest {

    @Test
    void fingerprintMatchesTheCertificateItWasMadeFrom() throws Exception {
        byte[] der = "not really a certificate".getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
        Fingerprint f = Fingerprint.sha256(digest);
        assertThat(f.value()).hasSize(32 * 3 - 1).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(f.digest()).isEqualTo(digest);
        assertThat(f.matchesCertificate(der)).isTrue();
        assertThat(f.matchesCertificate("another".getBytes(StandardCharsets.UTF_8))).isFalse();
        // browsers may write lower-case hex and upper-case hash names
        Fingerprint lower = new Fingerprint("SHA-256", f.value().toLowerCase());
        assertThat(lower.matchesCertificate(der)).isTrue();
        assertThat(new Fingerprint("md5", f.value()).isSupported()).isFalse();
        assertThat(new Fingerprint("md5", f.value()).matchesCertificate(der)).isFalse();
        assertThatThrownBy(() -> Fingerprint.sha256(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preferredFingerprintIsTheStrongestSupportedOne() {
        Fingerprint sha1 = new Fingerprint("sha-1", "AA:BB");
        Fingerprint sha256 = new Fingerprint("sha-256", "CC:DD");
        RemoteTransport t = new RemoteTransport("abcd", "p".repeat(22), List.of(sha1, new Fingerprint("x", "00"),
                sha256), Setup.ACTIVE, List.of());
        assertThat(t.preferredFingerprint()).contains(sha256);
        assertThat(new RemoteTransport("abcd", "p".repeat(22), List.of(new Fingerprint("x", "00")), Setup.ACTIVE,
                List.of()).preferredFingerprint()).isEmpty();
    }

    @Test
    void hostCandidatesForTheRelay() {
        Candidate udp = Candidate.host("1", "udp", Candidate.priority(126, 65535, 1), "192.0.2.1", 3478);
        assertThat(udp.priority()).isEqualTo(2130706431L);
        assertThat(udp.toSdpValue()).isEqualTo("1 1 udp 2130706431 192.0.2.1 3478 typ host");
        Candidate tcp = Candidate.host("2", "TCP", 1, "2001:db8::1", 443);
        assertThat(tcp.tcpType()).contains("passive");
        assertThat(tcp.toSdpValue()).endsWith("typ host tcptype passive");
        assertThatThrownBy(() -> Candidate.host("3", "sctp", 1, "192.0.2.1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Candidate.host("3", "udp", 1, "192.0.2.1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultCandidateGivesPortAndConnectionLine() {
        Fingerprint fp = Fingerprint.sha256(new byte[32]);
        LocalParameters v6 = new LocalParameters("abcd", "p".repeat(22), fp, List.of(
                Candidate.host("1", "tcp", 1, "192.0.2.9", 443), Candidate.host("2", "udp", 2, "2001:db8::1", 5000)), 1);
        assertThat(v6.defaultPort()).isEqualTo(5000);
        assertThat(v6.connectionLine()).isEqualTo(new SdpLine('c', "IN IP6 2001:db8::1"));
        LocalParameters none = new LocalParameters("abcd", "p".repeat(22), fp, List.of(), 1);
        assertThat(none.defaultPort()).isEqualTo(9);
        assertThat(none.connectionLine()).isEqualTo(new SdpLine('c', "IN IP4 0.0.0.0"));
        assertThatThrownBy(() -> new LocalParameters("ab", "p".repeat(22), fp, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalParameters("abcd", "short", fp, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directionsMirror() {
        for (Direction d : Direction.values()) {
            assertThat(d.reversed().reversed()).isEqualTo(d);
            assertThat(d.reversed().sends()).isEqualTo(d.receives());
            assertThat(Direction.fromToken(d.token())).contains(d);
        }
        assertThat(Direction.fromToken("sideways")).isEmpty();
        assertThat(Setup.fromToken("actpass")).contains(Setup.ACTPASS);
        assertThat(MediaKind.of("text")).isEqualTo(MediaKind.OTHER);
    }

    @Test
    void codecBecomesPayloadTypesWithRtx() {
        List<PayloadType> pts = SdpFixtures.VP8.toPayloadTypes();
        assertThat(pts).extracting(PayloadType::number).containsExactly(96, 97);
        assertThat(pts.get(1).isRtx()).isTrue();
        assertThat(pts.get(1).fmtp()).contains("apt=96");
        assertThat(pts.get(0).fmtp()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new RtpCodec(96, "VP8", 90000, 0, "", List.of(), 96))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendStream(1, 1, "s", "t", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendStream(1, 2, "s s", "t", "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
