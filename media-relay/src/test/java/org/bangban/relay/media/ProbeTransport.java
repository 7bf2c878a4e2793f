package org.bangban.relay.media;

import org.bangban.relay.dtls.DtlsCertificate;
import org.bangban.relay.dtls.Fingerprint;
import org.bangban.relay.dtls.FingerprintParseResult;
import org.bangban.relay.dtls.TestDtlsClient;
import org.bangban.relay.ice.StunChecks;
import org.bangban.relay.srtp.SrtpSession;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One simulated browser transport for {@link RelayLoadProbe}: a UDP socket connected to the relay
 * that passes an ICE check (USE-CANDIDATE), runs a real DTLS handshake (bctls client, GCM first,
 * like Chrome) and then holds the browser side of the SRTP session.
 */
final class ProbeTransport implements DatagramTransport {

    final DatagramChannel channel;
    private final String relayUfrag;
    private final String relayPassword;
    private final Fingerprint relayFingerprint;
    SrtpSession srtp;

    ProbeTransport(InetSocketAddress relay, String relaySdp) throws IOException {
        this.relayUfrag = attribute(relaySdp, "a=ice-ufrag:");
        this.relayPassword = attribute(relaySdp, "a=ice-pwd:");
        String fp = attribute(relaySdp, "a=fingerprint:");
        if (!(Fingerprint.parse(fp) instanceof FingerprintParseResult.Parsed p)) {
            throw new IllegalStateException("the relay's SDP has a bad fingerprint: " + fp);
        }
        this.relayFingerprint = p.fingerprint();
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 2 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(relay);
    }

    /** ICE check then DTLS; afterwards {@link #srtp} is set and the channel is left blocking. */
    void connect(DtlsCertificate identity) throws IOException {
        byte[] buf = new byte[1500];
        channel.socket().setSoTimeout(500);
        boolean answered = false;
        for (int attempt = 0; attempt < 20 && !answered; attempt++) {
            consentCheck();
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                channel.socket().receive(p);
                answered = p.getLength() >= 20 && (buf[0] & 0xFF) <= 3;
            } catch (SocketTimeoutException e) {
                // resend the check
            }
        }
        if (!answered) {
            throw new IOException("no ICE response from the relay");
        }
        TestDtlsClient client = new TestDtlsClient(identity,
                new int[] {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80},
                relayFingerprint, 500);
        new DTLSClientProtocol().connect(client, this);
        srtp = SrtpSession.create(client.keyingMaterial(), SrtpSession.Role.DTLS_CLIENT, 64);
    }

    /** A Binding request with USE-CANDIDATE: ICE keepalive and consent freshness (RFC 7675). */
    void consentCheck() throws IOException {
        channel.write(ByteBuffer.wrap(StunChecks.request(relayUfrag, "prbe", relayPassword, true)));
    }

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return 1400;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return -1;
            }
            channel.socket().setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(buf, off, len);
            try {
                channel.socket().receive(p);
            } catch (SocketTimeoutException e) {
                return -1;
            }
            int first = buf[off] & 0xFF;
            if (first >= 20 && first <= 63) {
                return p.getLength();
            }
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        channel.write(ByteBuffer.wrap(buf, off, len));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static String attribute(String sdp, String prefix) {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IllegalStateException("no " + prefix + " in the relay's SDP");
    }
}
