package org.bangban.relay.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * The relay's DTLS identity: a self-signed ECDSA P-256 X.509 certificate and its private key,
 * made once at start-up and shared by every endpoint of the process. Browsers do not check
 * the chain or the validity dates of a WebRTC certificate, only that its SHA-256 digest equals the
 * {@code a=fingerprint} the relay put in its SDP ({@link #sdpFingerprint()}).
 */
public final class DtlsCertificate {

    static final String SUBJECT = "CN=bangban-relay";
    static final Duration BACKDATE = Duration.ofDays(1);
    static final Duration VALIDITY = Duration.ofDays(365);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final Fingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = Fingerprint.of(Fingerprint.Algorithm.SHA_256, der);
    }

    /** Generates a fresh key pair and certificate with a strong {@link SecureRandom}. */
    public static DtlsCertificate generate() {
        return generate(new SecureRandom());
    }

    /** Generates a fresh P-256 key pair and a self-signed certificate (SHA256withECDSA). */
    public static DtlsCertificate generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(
                ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1), random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        Instant now = Instant.now();
        X500Name name = new X500Name(SUBJECT);
        BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
            ContentSigner signer = new BcECContentSignerBuilder(sigAlg, digAlg).build(keyPair.getPrivate());
            return new DtlsCertificate(builder.build(signer).getEncoded(), keyPair.getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** A copy of the DER encoding of the certificate. */
    public byte[] der() {
        return der.clone();
    }

    /** The SHA-256 fingerprint of the certificate. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The value for the relay's SDP {@code a=fingerprint} line, e.g. {@code "sha-256 AB:CD:..."}. */
    public String sdpFingerprint() {
        return fingerprint.toSdp();
    }

    byte[] derUnsafe() {
        return der;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + sdpFingerprint() + "]";
    }
}
