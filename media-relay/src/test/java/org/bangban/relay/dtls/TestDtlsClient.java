package org.bangban.relay.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangban.relay.srtp.SrtpKeyingMaterial;
import org.bangban.relay.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser stand-in: a bctls DTLS 1.2 client that offers use_srtp, presents its own certificate,
 * checks the relay's certificate against the relay's SDP fingerprint and exports the SRTP keys.
 */
final class TestDtlsClient extends DefaultTlsClient {

    private final DtlsCertificate identity;
    private final int[] srtpProfiles;
    private final Fingerprint expectedServer;
    private final int resendMillis;

    private volatile SrtpKeyingMaterial keyingMaterial;
    private SrtpProfile selected;
    /** Descriptions of the alerts the relay sent, in order. */
    final List<Short> alertsReceived = new CopyOnWriteArrayList<>();

    /**
     * @param identity       the client's certificate, or null to send none
     * @param srtpProfiles   use_srtp profile codes to offer, or null to offer no use_srtp
     * @param expectedServer the relay fingerprint from "its SDP"
     */
    TestDtlsClient(DtlsCertificate identity, int[] srtpProfiles, Fingerprint expectedServer, int resendMillis) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.identity = identity;
        this.srtpProfiles = srtpProfiles;
        this.expectedServer = expectedServer;
        this.resendMillis = resendMillis;
    }

    SrtpKeyingMaterial keyingMaterial() {
        return keyingMaterial;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return RelayTlsServer.CIPHER_SUITES.clone();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return resendMillis;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 20_000;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (srtpProfiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        selected = SrtpProfile.ofCode(chosen.getProtectionProfiles()[0]);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
                if (!expectedServer.matches(der)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (identity == null) {
                    return null;
                }
                BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
                TlsCertificate cert = crypto.createCertificate(identity.der());
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        identity.privateKey(), new Certificate(new TlsCertificate[] {cert}),
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        alertsReceived.add(alertDescription);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, selected.keyingMaterialLength());
        keyingMaterial = SrtpKeyingMaterial.fromExporter(selected, exported);
    }
}
