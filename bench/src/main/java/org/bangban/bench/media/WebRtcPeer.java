package org.bangban.bench.media;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.bangban.relay.dtls.DtlsCertificate;
import org.bangban.relay.dtls.DtlsClient;
import org.bangban.relay.ice.StunChecks;
import org.bangban.relay.rtp.RtpPacket;
import org.bangban.relay.sdp.Direction;
import org.bangban.relay.sdp.SessionDescription;
import org.bangban.relay.srtp.SrtpProfile;
import org.bangban.relay.srtp.SrtpSession;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;
import org.bangban.relay.stun.StunParseResult;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A simulated browser endpoint: one WebRTC transport on one UDP socket, with real ICE, DTLS and SRTP.
 *
 * <ol>
 *   <li>Describe it: {@link #offer} (e.g. a publish transport: audio and video {@code sendonly}; or {@code sendrecv}
 *       for an echo server such as Janus EchoTest), then {@link #applyRemote} with the answer; or, for a transport
 *       the server offers (a subscribe transport), {@link #answer} to its offer. The peer is always the DTLS client
 *       ({@code a=setup:active}) with its own self-signed ECDSA certificate.</li>
 *   <li>{@link #connect}: ICE as the controlling agent (Binding requests with USE-CANDIDATE to the remote's UDP
 *       candidates until one succeeds; the remote's own checks are answered, as a full-ICE server like Janus sends
 *       them), then the DTLS 1.2 handshake (use_srtp offering AEAD_AES_128_GCM and AES128_CM_HMAC_SHA1_80; the
 *       server's certificate must match its fingerprint), then SRTP.</li>
 *   <li>Give it the streams it sends ({@link #send}) and the streams it should receive ({@link #expect}), and hand it
 *       to a {@link MediaLoop}, which paces the sending, reads what arrives and sends a consent check every 5 s.</li>
 * </ol>
 *
 * Received SRTP is decrypted and its probe recorded in the stream's {@link StreamMeter}; SRTCP is decrypted and
 * counted; STUN requests are answered; anything else is dropped and counted. After {@link #connect} the peer belongs
 * to its loop's thread.
 */
public final class WebRtcPeer implements MediaEndpoint {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CONSENT_INTERVAL_NANOS = 5_000_000_000L;
    private static final long CHECK_INTERVAL_MS = 50;
    private static final int MTU = EndpointSocket.MTU;
    private static final int[] SRTP_PROFILES = {SrtpProfile.AEAD_AES_128_GCM.code(),
        SrtpProfile.AES128_CM_HMAC_SHA1_80.code()};

    static {
        // jitsi-srtp picks its AES implementation by benchmarking on first use, for seconds, under a JVM-wide lock:
        // do it once here, not in the middle of a loop's first packet
        SrtpSession.warmUp();
    }

    private final String name;
    private final EndpointSocket udp;
    private final DatagramChannel channel;
    private final PeerSdp.Local local;
    private final DtlsCertificate certificate;
    private final byte[] localPwd;
    private final List<OutboundStream> sending = new ArrayList<>();
    private StreamMeter[] meters = new StreamMeter[0];
    private PeerSdp.Remote remote;
    private InetSocketAddress selected;
    private SrtpSession srtp;
    private SrtpProfile profile;
    private long nextConsentNanos;
    private long iceNanos;
    private long dtlsNanos;

    private long rtpReceived;
    private long rtcpReceived;
    private long srtpFailures;
    private long notProbes;
    private long unexpectedStreams;
    private long stunAnswered;
    private long otherDropped;

    /** A peer on an ephemeral UDP port of {@code bind} (127.0.0.1 for loopback tests). */
    public WebRtcPeer(String name, InetAddress bind) throws IOException {
        this.name = name;
        this.channel = EndpointSocket.open(new InetSocketAddress(bind, 0));
        this.udp = new EndpointSocket(channel, SrtpSession.MAX_RTCP_OVERHEAD);
        this.certificate = DtlsCertificate.generate(RANDOM);
        String pwd = randomToken(24);
        this.localPwd = pwd.getBytes(StandardCharsets.UTF_8);
        this.local = new PeerSdp.Local(randomToken(8), pwd, certificate.sdpFingerprint(),
                (InetSocketAddress) channel.getLocalAddress(), "bench" + randomToken(8),
                RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public String name() {
        return name;
    }

    /** This peer's ICE credentials, fingerprint and candidate. */
    public PeerSdp.Local local() {
        return local;
    }

    /** An offer with these m-lines (the SSRCs must be those of the streams given to {@link #send}). */
    public String offer(List<PeerSdp.Track> tracks) {
        return PeerSdp.offer(local, tracks);
    }

    /** Applies the remote answer (or offer): its ICE credentials, UDP candidates and certificate fingerprint. */
    public void applyRemote(String sdp) {
        remote = PeerSdp.remote(PeerSdp.parse(sdp));
    }

    /**
     * Applies a remote offer and returns this peer's answer in {@code direction} (recvonly for a subscribe
     * transport). Calling it again after {@link #connect} (a renegotiation) keeps the transport.
     */
    public String answer(String remoteOffer, Direction direction) {
        SessionDescription offer = PeerSdp.parse(remoteOffer);
        PeerSdp.Remote r = PeerSdp.remote(offer);
        if (remote == null) remote = r;
        return PeerSdp.answer(local, offer, direction);
    }

    /** A stream this peer sends once its loop runs. Call before handing the peer to a loop. */
    public void send(OutboundStream stream) {
        sending.add(stream);
    }

    @Override
    public List<OutboundStream> sending() {
        return List.copyOf(sending);
    }

    /** A stream this peer should receive, measured by {@code meter}. Call before handing the peer to a loop. */
    public void expect(StreamMeter meter) {
        meters = Arrays.copyOf(meters, meters.length + 1);
        meters[meters.length - 1] = meter;
    }

    @Override
    public List<StreamMeter> meters() {
        return List.of(meters);
    }

    /** The SRTP protection profile the DTLS server chose, once connected. */
    public SrtpProfile profile() {
        return profile;
    }

    /** How long ICE took in {@link #connect}, in nanoseconds (first check sent → first success response). */
    public long iceNanos() {
        return iceNanos;
    }

    /** How long the DTLS handshake took in {@link #connect}, in nanoseconds. */
    public long dtlsNanos() {
        return dtlsNanos;
    }

    /** The remote address ICE selected, once connected. */
    public InetSocketAddress selected() {
        return selected;
    }

    /**
     * ICE, then DTLS, then SRTP, within {@code timeout}. Blocks the calling thread; several peers may connect in
     * parallel on different threads.
     *
     * @throws IOException naming this peer and the step that failed
     */
    public void connect(Duration timeout) throws IOException {
        if (remote == null) throw new IllegalStateException(name + ": apply the remote description before connecting");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        DatagramSocket socket = channel.socket();
        selected = ice(socket, deadline);
        long iceDone = System.nanoTime();
        iceNanos = iceDone - started;
        channel.connect(selected);
        DtlsClient client = new DtlsClient(certificate, SRTP_PROFILES, remote.fingerprint(), 100);
        try {
            new DTLSClientProtocol().connect(client, new HandshakeTransport(socket, deadline));
        } catch (IOException e) {
            throw new IOException(name + ": DTLS handshake with " + selected + " failed (" + e
                    + "; server alerts " + client.alertsReceived() + ")", e);
        }
        dtlsNanos = System.nanoTime() - iceDone;
        profile = client.profile();
        srtp = SrtpSession.create(client.keyingMaterial(), SrtpSession.Role.DTLS_CLIENT, SrtpSession.DEFAULT_MAX_SSRCS);
        channel.configureBlocking(false);
        nextConsentNanos = System.nanoTime() + CONSENT_INTERVAL_NANOS;
    }

    private InetSocketAddress ice(DatagramSocket socket, long deadline) throws IOException {
        byte[] rx = new byte[MTU];
        byte[] remotePwd = remote.pwd().getBytes(StandardCharsets.UTF_8);
        long nextCheck = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new IOException(name + ": no ICE connectivity to " + remote.candidates() + " before the deadline");
            }
            if (now >= nextCheck) {
                for (InetSocketAddress c : remote.candidates()) {
                    byte[] check = StunChecks.request(remote.ufrag(), local.ufrag(), remote.pwd(), true);
                    socket.send(new DatagramPacket(check, check.length, c));
                }
                nextCheck = now + CHECK_INTERVAL_MS * 1_000_000;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(CHECK_INTERVAL_MS, (deadline - now) / 1_000_000)));
            DatagramPacket p = new DatagramPacket(rx, rx.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (p.getLength() == 0 || !StunMessage.isStun(rx[0])) {
                otherDropped++;
                continue;
            }
            StunParseResult r = StunMessage.parse(rx, 0, p.getLength());
            if (!(r instanceof StunParseResult.Parsed parsed)) {
                otherDropped++;
                continue;
            }
            StunMessage m = parsed.message();
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            if (m.isBindingRequest()) {
                answerCheck(m, from, socket);
            } else if (m.messageClass() == StunMessage.CLASS_SUCCESS_RESPONSE && m.verifyMessageIntegrity(remotePwd)) {
                return from;
            }
        }
    }

    /** Answers a Binding request from the remote with success, XOR-MAPPED-ADDRESS, our password's integrity. */
    private void answerCheck(StunMessage request, InetSocketAddress from, DatagramSocket socket) throws IOException {
        if (!request.verifyMessageIntegrity(localPwd)) {
            otherDropped++;
            return;
        }
        byte[] ok = StunMessageBuilder.bindingSuccess(request.transactionId(), from, localPwd);
        if (socket != null) {
            socket.send(new DatagramPacket(ok, ok.length, from));
        } else {
            channel.write(ByteBuffer.wrap(ok));
        }
        stunAnswered++;
    }

    /** bctls's view of the socket during the handshake: DTLS records pass, STUN is answered, the rest dropped. */
    private final class HandshakeTransport implements DatagramTransport {
        private final DatagramSocket socket;
        private final long deadline;
        private final byte[] rx = new byte[MTU];

        HandshakeTransport(DatagramSocket socket, long deadline) {
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int getReceiveLimit() {
            return MTU;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long until = Math.min(deadline, System.nanoTime() + waitMillis * 1_000_000L);
            while (true) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    if (System.nanoTime() >= deadline) {
                        throw new InterruptedIOException(name + ": the DTLS handshake did not finish before the deadline");
                    }
                    return -1;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(rx, rx.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    return -1;
                }
                int n = p.getLength();
                int first = n == 0 ? -1 : rx[0] & 0xFF;
                if (first >= 20 && first <= 63) {
                    int copy = Math.min(len, n);
                    System.arraycopy(rx, 0, buf, off, copy);
                    return copy;
                }
                if (n > 0 && StunMessage.isStun(rx[0])
                        && StunMessage.parse(rx, 0, n) instanceof StunParseResult.Parsed parsed
                        && parsed.message().isBindingRequest()) {
                    answerCheck(parsed.message(), (InetSocketAddress) p.getSocketAddress(), socket);
                } else {
                    otherDropped++;
                }
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len, selected));
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------ the loop's thread

    /** Registers the connected channel with a loop's selector. */
    @Override
    public DatagramChannel channel() {
        return channel;
    }

    /** Sends what is due: the streams' packets, and a consent check every 5 s. */
    @Override
    public void tick(long now) {
        for (int i = 0, n = sending.size(); i < n; i++) {
            sending.get(i).sendDue(now, udp.sendBuf(), sink);
        }
        if (now >= nextConsentNanos) {
            nextConsentNanos = now + CONSENT_INTERVAL_NANOS;
            byte[] check = StunChecks.request(remote.ufrag(), local.ufrag(), remote.pwd(), false);
            udp.write(check, check.length);
        }
    }

    private final OutboundStream.Sink sink = new OutboundStream.Sink() {
        @Override
        public boolean sendRtp(byte[] buf, int len) {
            int n = srtp.protectRtp(buf, 0, len);
            return n > 0 && udp.write(buf, n);
        }

        @Override
        public boolean sendRtcp(byte[] buf, int len) {
            int n = srtp.protectRtcp(buf, 0, len);
            return n > 0 && udp.write(buf, n);
        }
    };

    /** Reads and handles every datagram waiting on the socket. */
    @Override
    public void readAll() {
        udp.readAll(onDatagram);
    }

    private final IntConsumer onDatagram = n -> received(System.nanoTime(), n);

    private void received(long now, int n) {
        byte[] b = udp.receiveBuf();
        int first = b[0] & 0xFF;
        if (first >= 128 && first < 192 && n >= RtpPacket.FIXED_HEADER_LENGTH) {
            int type = b[1] & 0xFF;
            if (type >= 192 && type <= 223) {
                if (srtp.unprotectRtcp(b, 0, n) < 0) srtpFailures++;
                else rtcpReceived++;
                return;
            }
            int len = srtp.unprotectRtp(b, 0, n);
            if (len < 0) {
                srtpFailures++;
                return;
            }
            rtpReceived++;
            int off = RtpPacket.payloadOffset(b, 0);
            if (!Probe.isProbe(b, off, len - off)) {
                notProbes++;
                return;
            }
            if (!StreamMeter.record(meters, b, off, now, n)) unexpectedStreams++;
        } else if (first < 4 && StunMessage.parse(b, 0, n) instanceof StunParseResult.Parsed parsed) {
            if (parsed.message().isBindingRequest()) {
                try {
                    answerCheck(parsed.message(), selected, null);
                } catch (IOException e) {
                    udp.failed();
                }
            }
            // responses to our consent checks need nothing
        } else {
            otherDropped++;
        }
    }

    /** What this peer saw that was not a measured probe, for the report. */
    @Override
    public Counters counters() {
        return new Counters(rtpReceived, rtcpReceived, srtpFailures, notProbes, unexpectedStreams, stunAnswered,
                otherDropped, udp.errors());
    }

    /**
     * @param srtpFailures      SRTP/SRTCP packets that failed authentication or replay checks (dropped)
     * @param notProbes         RTP packets whose payload had no probe
     * @param unexpectedStreams probes of a stream this peer was not told to expect
     * @param otherDropped      datagrams neither STUN, DTLS, RTP nor RTCP, or STUN that failed its checks
     */
    public record Counters(long rtpReceived, long rtcpReceived, long srtpFailures, long notProbes,
                           long unexpectedStreams, long stunAnswered, long otherDropped, long socketErrors) {
        public Counters plus(Counters o) {
            return new Counters(rtpReceived + o.rtpReceived, rtcpReceived + o.rtcpReceived,
                    srtpFailures + o.srtpFailures, notProbes + o.notProbes, unexpectedStreams + o.unexpectedStreams,
                    stunAnswered + o.stunAnswered, otherDropped + o.otherDropped, socketErrors + o.socketErrors);
        }
    }

    @Override
    public void close() {
        udp.close();
        if (srtp != null) srtp.close();
    }

    private static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return s.toString();
    }
}
