package org.bangban.relay.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.bangban.relay.dtls.DtlsFailure;
import org.bangban.relay.dtls.DtlsHandshakeResult;
import org.bangban.relay.dtls.DtlsPacketSink;
import org.bangban.relay.dtls.DtlsServerSession;
import org.bangban.relay.dtls.DtlsService;
import org.bangban.relay.dtls.DtlsSessionListener;
import org.bangban.relay.dtls.Fingerprint;
import org.bangban.relay.ice.IceCredentials;
import org.bangban.relay.ice.IceLiteAgent;
import org.bangban.relay.srtp.SrtpDropReason;
import org.bangban.relay.srtp.SrtpSession;
import org.bangban.relay.transport.PacketEndpoint;
import org.bangban.relay.transport.PacketPath;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * One WebRTC transport between a browser and the relay: ICE-lite on the shared port, a DTLS
 * handshake (the relay is the server), then SRTP both ways on the path ICE selected. An endpoint
 * has up to two: one it publishes on, one it receives on.
 *
 * <p>Received SRTP is decrypted into a per-thread scratch buffer and handed to the owner on the
 * I/O thread; the bytes are valid only during that call.
 */
public final class WebRtcTransport implements PacketEndpoint, DtlsPacketSink, DtlsSessionListener {

    /** Which way media flows on it, seen from the browser. */
    public enum Direction { PUBLISH, SUBSCRIBE }

    /** What a transport tells the endpoint that owns it. */
    public interface Owner {
        void rtpReceived(WebRtcTransport transport, byte[] buf, int off, int len, long nowNanos);

        void rtcpReceived(WebRtcTransport transport, byte[] buf, int off, int len, long nowNanos);

        /** DTLS is done: SRTP flows from now on. */
        void transportConnected(WebRtcTransport transport);

        void transportFailed(WebRtcTransport transport, String reason);
    }

    /** Largest packet the relay takes in (browsers keep RTP under 1,300 bytes). */
    static final int MAX_PACKET = 1500;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_PACKET + 64]);

    private final String label;
    private final Direction direction;
    private final Owner owner;
    private final RelayCounters counters;
    private final DtlsServerSession dtls;
    private volatile IceLiteAgent<PacketPath> ice;
    private volatile PacketPath path;
    private volatile SrtpSession srtp;
    private volatile long connectedAtNanos;
    private volatile String failure;

    final LongAdder packetsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();

    WebRtcTransport(String label, Direction direction, Owner owner, DtlsService dtlsService, Duration consentTimeout,
                    RelayCounters counters) {
        this.label = label;
        this.direction = direction;
        this.owner = owner;
        this.counters = counters;
        this.ice = new IceLiteAgent<>(IceCredentials.random(), consentTimeout, System.nanoTime());
        this.dtls = dtlsService.newSession(this, this);
    }

    public String label() {
        return label;
    }

    public Direction direction() {
        return direction;
    }

    @Override
    public IceLiteAgent<PacketPath> ice() {
        return ice;
    }

    /** Replaces the ICE credentials (an ICE restart); DTLS and SRTP carry on. Returns the old agent. */
    IceLiteAgent<PacketPath> restartIce(Duration consentTimeout) {
        IceLiteAgent<PacketPath> old = ice;
        ice = new IceLiteAgent<>(IceCredentials.random(), consentTimeout, System.nanoTime());
        return old;
    }

    /** The browser's DTLS fingerprint from its SDP; false if a different one was set before. */
    boolean setRemoteFingerprint(Fingerprint fingerprint) {
        return dtls.setRemoteFingerprint(fingerprint);
    }

    public boolean connected() {
        return srtp != null && path != null;
    }

    public PacketPath selectedPath() {
        return path;
    }

    public String dtlsState() {
        return failure != null ? "failed" : dtls.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    public String iceState() {
        if (path == null) {
            return "new";
        }
        return ice.consentExpired(System.nanoTime()) ? "disconnected" : "connected";
    }

    long connectedAtNanos() {
        return connectedAtNanos;
    }

    SrtpSession srtp() {
        return srtp;
    }

    // ---------------------------------------------------------------- from the sockets (I/O thread)

    @Override
    public void pathSelected(PacketPath selected) {
        this.path = selected;
    }

    @Override
    public void pathClosed(PacketPath closed) {
        if (closed.equals(path)) {
            path = null;
        }
    }

    @Override
    public void dtlsPacket(ByteBuf packet, PacketPath from) {
        if (!dtls.offer(packet.nioBuffer())) {
            counters.drop(DropCause.DTLS_REFUSED);
        }
    }

    @Override
    public void srtpPacket(ByteBuf packet, boolean rtcp, PacketPath from) {
        SrtpSession session = srtp;
        if (session == null) {
            counters.drop(DropCause.SRTP_BEFORE_DTLS);
            return;
        }
        int len = packet.readableBytes();
        if (len > MAX_PACKET) {
            counters.drop(DropCause.TOO_LARGE);
            return;
        }
        byte[] buf = SCRATCH.get();
        packet.getBytes(packet.readerIndex(), buf, 0, len);
        int n = rtcp ? session.unprotectRtcp(buf, 0, len) : session.unprotectRtp(buf, 0, len);
        if (n < 0) {
            counters.srtpDrop(SrtpDropReason.of(n));
            return;
        }
        packetsIn.increment();
        bytesIn.add(len);
        counters.packetIn(len);
        long now = System.nanoTime();
        if (rtcp) {
            owner.rtcpReceived(this, buf, 0, n, now);
        } else {
            owner.rtpReceived(this, buf, 0, n, now);
        }
    }

    // ---------------------------------------------------------------- sending (any thread)

    /**
     * Protects one RTP packet in place in {@code buf[off .. off+len)} (which must have
     * {@link SrtpSession#MAX_RTP_OVERHEAD} spare bytes behind it) and sends it: the protected bytes
     * are copied once into a pooled direct buffer, which the socket writes without a further copy.
     * The array is the caller's again when this returns.
     */
    boolean sendRtp(byte[] buf, int off, int len) {
        return send(buf, off, len, false);
    }

    /**
     * Protects and sends one RTCP compound packet held in a heap buffer from the reader index to
     * the writer index, with at least {@link SrtpSession#MAX_RTCP_OVERHEAD} writable bytes behind
     * it. Takes ownership of the buffer.
     */
    boolean sendRtcp(ByteBuf packet) {
        try {
            return send(packet.array(), packet.arrayOffset() + packet.readerIndex(), packet.readableBytes(), true);
        } finally {
            packet.release();
        }
    }

    private boolean send(byte[] buf, int off, int len, boolean rtcp) {
        SrtpSession session = srtp;
        PacketPath out = path;
        if (session == null || out == null) {
            counters.drop(DropCause.RECEIVER_NOT_CONNECTED);
            return false;
        }
        int n = rtcp ? session.protectRtcp(buf, off, len) : session.protectRtp(buf, off, len);
        if (n < 0) {
            counters.srtpDrop(SrtpDropReason.of(n));
            return false;
        }
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(n);
        packet.writeBytes(buf, off, n);
        packetsOut.increment();
        bytesOut.add(n);
        counters.packetOut(n);
        out.send(packet);
        return true;
    }

    // ---------------------------------------------------------------- DTLS (handshake threads)

    @Override
    public void send(byte[] datagram, int offset, int length) {
        PacketPath out = path;
        if (out != null) {
            out.send(Unpooled.copiedBuffer(datagram, offset, length));
        }
    }

    @Override
    public void handshakeSucceeded(DtlsHandshakeResult result) {
        srtp = SrtpSession.forRelay(result.keyingMaterial());
        connectedAtNanos = System.nanoTime();
        owner.transportConnected(this);
    }

    @Override
    public void handshakeFailed(DtlsFailure f) {
        failure = f.toString();
        owner.transportFailed(this, "DTLS handshake failed: " + f);
    }

    @Override
    public void connectionClosed(String why) {
        owner.transportFailed(this, "DTLS closed by the browser: " + why);
    }

    void close() {
        ice.close();
        dtls.close();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
