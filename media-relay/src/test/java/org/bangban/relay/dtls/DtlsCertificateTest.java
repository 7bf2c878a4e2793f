package org.bangban.relay.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    @Test
    void isASelfSignedP256CertificateThatTheJdkAccepts() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.der()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(x509.getPublicKey().toString()).contains("secp256r1");
        x509.verify(x509.getPublicKey()); // self-signed
        x509.checkValidity(new Date());
        x509.checkValidity(Date.from(Instant.now().plus(DtlsCertificate.VALIDITY).minusSeconds(3600)));
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo(DtlsCertificate.SUBJECT);
    }

    @Test
    void sdpFingerprintIsTheSha256OfTheDerInRfc8122Form() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.der());

        assertThat(c.sdpFingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(c.fingerprint().digest()).isEqualTo(digest);
        FingerprintParseResult parsed = Fingerprint.parse(c.sdpFingerprint());
        assertThat(parsed).isEqualTo(new FingerprintParseResult.Parsed(c.fingerprint()));
        assertThat(c.fingerprint().matches(c.der())).isTrue();
    }

    @Test
    void eachGenerationHasItsOwnKeyAndSerial() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.toString()).contains(a.sdpFingerprint());
        byte[] copy = a.der();
        copy[0] ^= 1;
        assertThat(a.der()).isNotEqualTo(copy); // der() hands out copies
    }
}
