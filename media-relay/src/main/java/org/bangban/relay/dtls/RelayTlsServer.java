package org.bangban.relay.dtls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.bangban.relay.srtp.SrtpKeyingMaterial;
import org.bangban.relay.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The bctls server policy of one DTLS-SRTP association (RFC 5763/5764): DTLS 1.2 only,
 * ECDHE-ECDSA with AES-GCM, extended master secret required, a client certificate required and
 * matched against the fingerprint from the client's SDP, use_srtp required. One instance per
 * handshake; used only on that handshake's thread.
 */
final class RelayTlsServer extends DefaultTlsServer {

    /** The client's SDP fingerprint, which may arrive after the handshake began. */
    interface RemoteFingerprint {
        /** Waits until the fingerprint is known; null when the handshake deadline passed first. */
        Fingerprint await() throws IOException;
    }

    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    private final Certificate certificate;
    private final DtlsCertificate identity;
    private final List<SrtpProfile> profiles;
    private final int handshakeTimeoutMillis;
    private final int resendMillis;
    private final RemoteFingerprint remoteFingerprint;

    private DtlsFailure refusal;
    private SrtpProfile selectedProfile;
    private SrtpKeyingMaterial keyingMaterial;
    private int cipherSuite = -1;

    RelayTlsServer(BcTlsCrypto crypto, DtlsCertificate identity, Certificate certificate,
                   List<SrtpProfile> profiles, int handshakeTimeoutMillis, int resendMillis,
                   RemoteFingerprint remoteFingerprint) {
        super(crypto);
        this.identity = identity;
        this.certificate = certificate;
        this.profiles = profiles;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.resendMillis = resendMillis;
        this.remoteFingerprint = remoteFingerprint;
    }

    /** Why this server refused the client on purpose, or null. */
    DtlsFailure refusal() {
        return refusal;
    }

    /** Set once the handshake completed. */
    SrtpKeyingMaterial keyingMaterial() {
        return keyingMaterial;
    }

    String cipherSuiteName() {
        return switch (cipherSuite) {
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 -> "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 -> "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            default -> String.format("0x%04X", cipherSuite);
        };
    }

    private TlsFatalAlert refuse(DtlsFailureReason reason, short alert, String message) {
        refusal = new DtlsFailure(reason, message);
        return new TlsFatalAlert(alert, message);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public int[] getSupportedGroups() {
        return new int[] {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1};
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return resendMillis;
    }

    @Override
    public int getMaxCertificateChainLength() {
        return 4;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw refuse(DtlsFailureReason.SRTP_NOT_NEGOTIATED, AlertDescription.handshake_failure,
                    "the client offered no use_srtp extension (RFC 5764): not a WebRTC media client");
        }
        int[] offeredCodes = offered.getProtectionProfiles();
        for (SrtpProfile p : profiles) {
            for (int code : offeredCodes) {
                if (code == p.code()) {
                    selectedProfile = p;
                    return;
                }
            }
        }
        List<String> codes = new ArrayList<>();
        for (int code : offeredCodes) {
            codes.add(String.format("0x%04X", code));
        }
        throw refuse(DtlsFailureReason.SRTP_NOT_NEGOTIATED, AlertDescription.handshake_failure,
                "the client offered SRTP profiles " + codes + " but the relay accepts only " + profiles);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {selectedProfile.code()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (BcTlsCrypto) getCrypto(),
                identity.privateKey(), certificate,
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw refuse(DtlsFailureReason.NO_CLIENT_CERTIFICATE, AlertDescription.handshake_failure,
                    "the client sent no certificate; WebRTC requires one (RFC 5763 section 5)");
        }
        Fingerprint expected = remoteFingerprint.await();
        if (expected == null) {
            throw refuse(DtlsFailureReason.FINGERPRINT_MISSING, AlertDescription.handshake_failure,
                    "the client's SDP fingerprint was not set before the handshake deadline");
        }
        byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            throw refuse(DtlsFailureReason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "the client's certificate has fingerprint "
                            + Fingerprint.of(expected.algorithm(), der).toSdp()
                            + " but its SDP announced " + expected.toSdp());
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        cipherSuite = context.getSecurityParametersConnection().getCipherSuite();
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                selectedProfile.keyingMaterialLength());
        keyingMaterial = SrtpKeyingMaterial.fromExporter(selectedProfile, exported);
    }
}
