package org.bangban.relay.media;

import org.bangban.relay.room.MediaKind;
import org.bangban.relay.room.OutgoingSlot;
import org.bangban.relay.rtp.RetransmissionBuffer;
import org.bangban.relay.rtp.RtpHeaderExtensions;
import org.bangban.relay.rtp.RtpPacket;
import org.bangban.relay.rtp.Rtx;
import org.bangban.relay.rtp.StreamRewriter;
import org.bangban.relay.srtp.SrtpSession;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes one source track to one receiver slot: rewrites SSRC, sequence numbers and timestamps so
 * the receiver sees one continuous stream, maps payload types to what the receiver negotiated,
 * writes the receiver's header extensions (its mid, a fresh abs-send-time, the audio level),
 * keeps the packets for NACK retransmission over RTX, and hands them to the receiver's subscribe
 * transport for SRTP.
 *
 * <p>Fed by the source's I/O thread; NACKs arrive on the receiver's. The monitor of this object
 * serialises both; it is private to this one stream, so no lock is shared across endpoints.
 */
final class Forwarder {

    private static final int HISTORY_PACKETS = 512;
    private static final long HISTORY_NANOS = 1_000_000_000L;
    private static final int MAX_EXTENSION_BYTES = 4 + 2 + 16 + 4 + 2 + 3;

    /**
     * Share of video packets dropped on purpose on the way to receivers, to prove loss recovery in
     * tests (NACK answered over RTX). Zero in production; only this package's tests set it.
     */
    static volatile double videoLossForTests;

    final Endpoint receiver;
    final OutgoingSlot slot;
    private final StreamRewriter rewriter;
    /** Null for a slot without RTX (audio): nothing is ever resent there, so nothing is kept. */
    private final RetransmissionBuffer history;
    private final byte[] midBytes;
    private final RelayCounters counters;
    private volatile PayloadMap receiverPayloads;
    private volatile ExtensionIds receiverExtensions = ExtensionIds.NONE;
    private volatile InboundTrack source;
    private int rtxSeq = ThreadLocalRandom.current().nextInt(0x10000);
    private final byte[] resendScratch = new byte[WebRtcTransport.MAX_PACKET + 64];
    /**
     * The outgoing packet is built and protected here (guarded by this object's monitor), then
     * copied once into the socket's direct buffer: no heap buffer per packet.
     */
    private final byte[] outgoing = new byte[12 + MAX_EXTENSION_BYTES + WebRtcTransport.MAX_PACKET
            + Rtx.OSN_LENGTH + SrtpSession.MAX_RTP_OVERHEAD];

    long packets;
    long bytes;
    long nacks;
    long retransmitted;
    long plis;
    volatile double remoteLossFraction;
    volatile double remoteJitterMillis;
    volatile long rttMillis;
    volatile long rembBps;
    private final BitrateMeter meter = new BitrateMeter();

    Forwarder(Endpoint receiver, OutgoingSlot slot, RelayCounters counters) {
        this.receiver = receiver;
        this.slot = slot;
        this.counters = counters;
        this.rewriter = new StreamRewriter((int) slot.ssrc(), slot.kind().clockRate());
        this.history = slot.rtxSsrc() == 0 ? null
                : new RetransmissionBuffer(HISTORY_PACKETS, WebRtcTransport.MAX_PACKET, HISTORY_NANOS);
        this.midBytes = slot.mid().getBytes(StandardCharsets.US_ASCII);
    }

    /** What the receiver's answer accepted for this slot's m-line; null until then. */
    void negotiated(PayloadMap payloads, ExtensionIds extensions) {
        this.receiverExtensions = extensions;
        this.receiverPayloads = payloads;
    }

    boolean isNegotiated() {
        return receiverPayloads != null;
    }

    void attach(InboundTrack track) {
        this.source = track;
    }

    InboundTrack source() {
        return source;
    }

    /** Forwards one decrypted RTP packet of the source track (source I/O thread). */
    synchronized void forward(InboundTrack from, byte[] in, int off, int len, long nowNanos) {
        PayloadMap out = receiverPayloads;
        WebRtcTransport transport = receiver.subscribeTransport();
        if (out == null || transport == null || !transport.connected()) {
            counters.drop(DropCause.RECEIVER_NOT_CONNECTED);
            return;
        }
        Codec codec = from.payloads.codec(RtpPacket.payloadType(in, off));
        int pt = codec == null ? PayloadMap.NONE : out.pt(codec);
        if (pt == PayloadMap.NONE) {
            counters.drop(DropCause.CODEC_NOT_NEGOTIATED);
            return;
        }
        int headerLen = RtpPacket.headerLength(in, off);
        int payloadLen = len - headerLen;
        byte[] o = outgoing;
        // fixed header: V=2, padding as the source, no CSRCs, marker, mapped payload type
        o[0] = (byte) (0x80 | (in[off] & 0x20));
        o[1] = (byte) ((in[off + 1] & 0x80) | pt);
        System.arraycopy(in, off + 2, o, 2, 10);
        int p = writeExtensions(from, in, off, len, o, 12, nowNanos);
        System.arraycopy(in, off + headerLen, o, p, payloadLen);
        int total = p + payloadLen;
        StreamRewriter.Verdict verdict = rewriter.rewrite(o, 0, total, nowNanos);
        if (verdict != StreamRewriter.Verdict.FORWARD) {
            counters.drop(DropCause.REWRITE_REFUSED);
            return;
        }
        if (history != null) {
            history.add(o, 0, total, nowNanos);
        }
        double loss = videoLossForTests;
        if (loss > 0 && slot.kind() == MediaKind.VIDEO && ThreadLocalRandom.current().nextDouble() < loss) {
            return;
        }
        if (transport.sendRtp(o, 0, total)) {
            packets++;
            bytes += total;
        }
    }

    private int writeExtensions(InboundTrack from, byte[] in, int off, int len, byte[] o, int p, long nowNanos) {
        ExtensionIds ext = receiverExtensions;
        int audioLevel = -1;
        if (ext.audioLevel() != 0 && from.extensions.audioLevel() != 0) {
            audioLevel = RtpHeaderExtensions.audioLevelByte(in, off, len, from.extensions.audioLevel());
        }
        boolean any = ext.mid() != 0 || ext.absSendTime() != 0 || audioLevel >= 0;
        if (!any) {
            return p;
        }
        o[p - 12] |= 0x10; // X bit in the first header byte
        int start = p;
        o[p] = (byte) 0xBE;
        o[p + 1] = (byte) 0xDE;
        p += 4;
        if (ext.mid() != 0) {
            o[p++] = (byte) ((ext.mid() << 4) | (midBytes.length - 1));
            System.arraycopy(midBytes, 0, o, p, midBytes.length);
            p += midBytes.length;
        }
        if (ext.absSendTime() != 0) {
            int ast = RtpHeaderExtensions.absSendTimeFromNanos(nowNanos);
            o[p++] = (byte) ((ext.absSendTime() << 4) | 2);
            o[p++] = (byte) (ast >> 16);
            o[p++] = (byte) (ast >> 8);
            o[p++] = (byte) ast;
        }
        if (audioLevel >= 0) {
            o[p++] = (byte) (ext.audioLevel() << 4);
            o[p++] = (byte) audioLevel;
        }
        while (((p - start) & 3) != 0) {
            o[p++] = 0;
        }
        int words = (p - start - 4) / 4;
        o[start + 2] = (byte) (words >> 8);
        o[start + 3] = (byte) words;
        return p;
    }

    /** The receiver lost these outgoing sequence numbers: resend them over RTX (receiver I/O thread). */
    synchronized void nack(int[] lost, int count, long nowNanos) {
        nacks += count;
        PayloadMap out = receiverPayloads;
        WebRtcTransport transport = receiver.subscribeTransport();
        if (out == null || transport == null || history == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            int n = history.get(lost[i] & 0xFFFF, nowNanos, resendScratch, 0);
            if (n <= 0) {
                continue;
            }
            Codec codec = out.codec(RtpPacket.payloadType(resendScratch, 0));
            int rtxPt = codec == null ? PayloadMap.NONE : out.rtxPt(codec);
            if (rtxPt == PayloadMap.NONE) {
                continue;
            }
            int written = Rtx.wrap(resendScratch, 0, n, outgoing, 0, (int) slot.rtxSsrc(), rtxPt, rtxSeq);
            if (written < 0) {
                continue;
            }
            rtxSeq = (rtxSeq + 1) & 0xFFFF;
            if (transport.sendRtp(outgoing, 0, written)) {
                retransmitted++;
                counters.retransmissions.increment();
            }
        }
    }

    /**
     * Rewrites the source's sender report (a single SR packet of {@code len} bytes) for this
     * receiver into {@code out}; returns its length, or a negative number when there is nothing
     * to report yet.
     */
    synchronized int senderReport(byte[] sr, int off, int len, byte[] out, int outOff) {
        if (packets == 0) {
            return -1;
        }
        System.arraycopy(sr, off, out, outOff, len);
        int n = rewriter.rewriteSenderReport(out, outOff, len);
        if (n > 0) {
            // remember when this SR left: the receiver's report block names it (LSR), so the
            // relay measures its own round trip to the receiver without synchronised clocks
            int lsr = ((out[outOff + 10] & 0xFF) << 24) | ((out[outOff + 11] & 0xFF) << 16)
                    | ((out[outOff + 12] & 0xFF) << 8) | (out[outOff + 13] & 0xFF);
            int i = srRing++ & (SR_RING - 1);
            srLsr[i] = lsr;
            srSentAt[i] = System.nanoTime();
        }
        return n;
    }

    private static final int SR_RING = 8;
    private final int[] srLsr = new int[SR_RING];
    private final long[] srSentAt = new long[SR_RING];
    private int srRing;

    /** Updates the round-trip time from a receiver's report block (LSR, DLSR in 1/65536 s). */
    synchronized void reportBlock(int lsr, int dlsr, long nowNanos) {
        if (lsr == 0) {
            return;
        }
        for (int i = 0; i < SR_RING; i++) {
            if (srLsr[i] == lsr && srSentAt[i] != 0) {
                long rtt = nowNanos - srSentAt[i] - (dlsr & 0xFFFF_FFFFL) * 1_000_000_000L / 65536;
                if (rtt >= 0) {
                    rttMillis = rtt / 1_000_000;
                }
                return;
            }
        }
    }

    /** Called once a second by the relay's timer. */
    void sampleBitrate(long nowNanos) {
        meter.sample(bytes, nowNanos);
    }

    long bitrate() {
        return meter.bitsPerSecond();
    }
}
