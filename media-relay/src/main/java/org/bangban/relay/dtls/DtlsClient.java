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
import org.bouncycastle.tls.CipherSuite;
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
 * The browser's side of DTLS-SRTP, for the relay's tests and the media load generator (module bench): a bctls
 * DTLS 1.2 client that offers use_srtp, presents its own certificate, checks the server's certificate against
 * the fingerprint from the server's SDP and exports the SRTP keys. Run it with
 * {@code new DTLSClientProtocol().connect(client, transport)}; after that {@link #keyingMaterial()} holds the keys
 * and {@link #profile()} the protection profile the server chose.
 */
public final class DtlsClient extends DefaultTlsClient {

    private final DtlsCertificate identity;
    private final int[] srtpProfiles;
    private final Fingerprint expectedServer;
    private final int resendMillis;

    private volatile SrtpKeyingMaterial keyingMaterial;
    private SrtpProfile selected;
    /** Descriptions of the alerts the server sent, in order. */
    private final List<Short> alertsReceived = new CopyOnWriteArrayList<>();

    /**
     * @param identity       the client's certificate, or null to send none
     * @param srtpProfiles   use_srtp profile codes to offer, or null to offer no use_srtp
     * @param expectedServer the server's fingerprint from its SDP; a certificate that does not match it ends the
     *                       handshake with a bad_certificate alert
     * @param resendMillis   the first retransmission timeout of a handshake flight
     */
    public DtlsClient(DtlsCertificate identity, int[] srtpProfiles, Fingerprint expectedServer, int resendMillis) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.identity = identity;
        this.srtpProfiles = srtpProfiles;
        this.expectedServer = expectedServer;
        this.resendMillis = resendMillis;
    }

    /** The exported SRTP keys, once the handshake completed; null before. */
    public SrtpKeyingMaterial keyingMaterial() {
        return keyingMaterial;
    }

    /** The protection profile the server chose, once its hello arrived; null before. */
    public SrtpProfile profile() {
        return selected;
    }

    /** Descriptions of the alerts the server sent, in order. */
    public List<Short> alertsReceived() {
        return alertsReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        // the relay's suites first; the RSA ones too, like a browser, for servers with an RSA certificate (Janus)
        return new int[] {RelayTlsServer.CIPHER_SUITES[0], RelayTlsServer.CIPHER_SUITES[1],
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384};
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
