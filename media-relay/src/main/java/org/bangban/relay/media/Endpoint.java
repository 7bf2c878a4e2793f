package org.bangban.relay.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.OutgoingSlot;
import org.bangban.relay.room.TrackSource;
import org.bangban.relay.rtcp.Fir;
import org.bangban.relay.rtcp.GenericNack;
import org.bangban.relay.rtcp.Pli;
import org.bangban.relay.rtcp.ReceiverReport;
import org.bangban.relay.rtcp.Remb;
import org.bangban.relay.rtcp.ReportBlock;
import org.bangban.relay.rtcp.Rtcp;
import org.bangban.relay.rtcp.RtcpPacket;
import org.bangban.relay.rtcp.RtcpParseResult;
import org.bangban.relay.rtcp.SenderReport;
import org.bangban.relay.rtp.RtpPacket;
import org.bangban.relay.rtp.Rtx;
import org.bangban.relay.srtp.SrtpSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One browser in a room: what it publishes (inbound tracks on its publish transport) and what
 * it receives (forwarders into its subscribe transport). The packet-path fields are volatile
 * arrays replaced whole by the room under its lock, so the I/O threads read them without locks.
 */
final class Endpoint implements WebRtcTransport.Owner {

    /** SSRC the relay uses as sender of its own RTCP (PLI, receiver reports). */
    static final int RELAY_RTCP_SSRC = 0x42424242;
    private static final InboundTrack[] NO_TRACKS = new InboundTrack[0];
    private static final Forwarder[] NO_FORWARDERS = new Forwarder[0];

    final Room room;
    final String id;
    final EndpointRole role;
    final long createdAtNanos = System.nanoTime();
    private final RelayCounters counters;

    volatile WebRtcTransport publish;
    volatile WebRtcTransport subscribe;
    volatile InboundTrack[] inbound = NO_TRACKS;
    volatile Forwarder[] forwarders = NO_FORWARDERS;

    /** The receiver's slots (guarded by the room's lock). */
    List<OutgoingSlot> slots = List.of();
    /** The slots of the last offer the relay made on the subscribe transport, awaiting an answer. */
    List<OutgoingSlot> offeredSlots;
    Map<String, Forwarder> forwarderByMid = new java.util.LinkedHashMap<>();
    volatile boolean closed;

    // negotiation state (guarded by the room's lock)
    final long publishSessionId = Math.abs(new java.util.Random().nextLong() >>> 2);
    final long subscribeSessionId = Math.abs(new java.util.Random().nextLong() >>> 2);
    long publishVersion;
    String publishRemoteUfrag;
    org.bangban.relay.sdp.SessionDescription subscribeLocal;
    org.bangban.relay.sdp.SessionDescription pendingOffer;

    Endpoint(Room room, String id, EndpointRole role, RelayCounters counters) {
        this.room = room;
        this.id = id;
        this.role = role;
        this.counters = counters;
    }

    WebRtcTransport subscribeTransport() {
        return subscribe;
    }

    InboundTrack track(TrackSource source) {
        for (InboundTrack t : inbound) {
            if (t.source == source) {
                return t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- packets (I/O threads)

    @Override
    public void rtpReceived(WebRtcTransport transport, byte[] buf, int off, int len, long nowNanos) {
        if (transport != publish || !RtpPacket.isValid(buf, off, len)) {
            counters.drop(transport != publish ? DropCause.NOT_ROUTED : DropCause.RTP_MALFORMED);
            return;
        }
        int ssrc = RtpPacket.ssrc(buf, off);
        InboundTrack track = null;
        boolean rtx = false;
        for (InboundTrack t : inbound) {
            if (t.ssrc == ssrc) {
                track = t;
                break;
            }
            if (t.hasRtx && t.rtxSsrc == ssrc) {
                track = t;
                rtx = true;
                break;
            }
        }
        if (track == null) {
            counters.drop(DropCause.UNKNOWN_SSRC);
            return;
        }
        if (rtx) {
            Codec codec = track.payloads.codecOfRtx(RtpPacket.payloadType(buf, off));
            if (codec == null) {
                counters.drop(DropCause.CODEC_NOT_NEGOTIATED);
                return;
            }
            len = Rtx.unwrap(buf, off, len, track.ssrc, track.payloads.pt(codec));
            if (len < 0) {
                counters.drop(DropCause.RTP_MALFORMED);
                return;
            }
        }
        track.packets++;
        track.bytes += len;
        track.reception.packetReceived(RtpPacket.sequenceNumber(buf, off), RtpPacket.timestamp(buf, off), nowNanos);
        Forwarder[] to = track.subscribers;
        if (to.length == 0) {
            counters.drop(DropCause.NOT_ROUTED);
            return;
        }
        for (Forwarder f : to) {
            f.forward(track, buf, off, len, nowNanos);
        }
    }

    @Override
    public void rtcpReceived(WebRtcTransport transport, byte[] buf, int off, int len, long nowNanos) {
        RtcpParseResult parsed = Rtcp.parse(buf, off, len);
        if (!(parsed instanceof RtcpParseResult.Parsed p)) {
            counters.drop(DropCause.RTCP_MALFORMED);
            return;
        }
        if (transport == publish) {
            publisherRtcp(p.packets(), buf, off, len, nowNanos);
        } else if (transport == subscribe) {
            receiverRtcp(p.packets(), nowNanos);
        }
    }

    /** RTCP from a publisher: its sender reports go on to every receiver, rewritten. */
    private void publisherRtcp(List<RtcpPacket> packets, byte[] buf, int off, int len, long nowNanos) {
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport sr) {
                for (InboundTrack t : inbound) {
                    if (t.ssrc == sr.ssrc()) {
                        t.reception.senderReportReceived(sr.ntpTimestamp(), nowNanos);
                        byte[] plain = new byte[sr.size()];
                        sr.write(plain, 0);
                        for (Forwarder f : t.subscribers) {
                            ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer(plain.length
                                    + SrtpSession.MAX_RTCP_OVERHEAD);
                            int n = f.senderReport(plain, 0, plain.length, out.array(), out.arrayOffset());
                            if (n < 0) {
                                out.release();
                                continue;
                            }
                            out.writerIndex(n);
                            WebRtcTransport to = f.receiver.subscribeTransport();
                            if (to == null) {
                                out.release();
                            } else {
                                to.sendRtcp(out);
                            }
                        }
                    }
                }
            }
        }
    }

    /** RTCP from a receiver about the streams the relay sends it. */
    private void receiverRtcp(List<RtcpPacket> packets, long nowNanos) {
        for (RtcpPacket packet : packets) {
            if (packet instanceof GenericNack nack) {
                Forwarder f = forwarderBySsrc(nack.mediaSsrc());
                if (f != null) {
                    counters.nacksReceived.increment();
                    List<Integer> lost = nack.lostSequenceNumbers();
                    int[] seqs = new int[lost.size()];
                    for (int i = 0; i < seqs.length; i++) {
                        seqs[i] = lost.get(i);
                    }
                    f.nack(seqs, seqs.length, nowNanos);
                }
            } else if (packet instanceof Pli pli) {
                Forwarder f = forwarderBySsrc(pli.mediaSsrc());
                if (f != null) {
                    f.plis++;
                    requestKeyframe(f.source(), nowNanos);
                }
            } else if (packet instanceof Fir fir) {
                for (Fir.Entry e : fir.entries()) {
                    Forwarder f = forwarderBySsrc(e.ssrc());
                    if (f != null) {
                        f.plis++;
                        requestKeyframe(f.source(), nowNanos);
                    }
                }
            } else if (packet instanceof Remb remb) {
                for (int ssrc : remb.ssrcs()) {
                    Forwarder f = forwarderBySsrc(ssrc);
                    if (f != null) {
                        f.rembBps = remb.bitrateBps();
                    }
                }
            } else if (packet instanceof ReceiverReport rr) {
                reportBlocks(rr.reportBlocks(), nowNanos);
            } else if (packet instanceof SenderReport sr) {
                reportBlocks(sr.reportBlocks(), nowNanos);
            }
        }
    }

    private void reportBlocks(List<ReportBlock> blocks, long nowNanos) {
        for (ReportBlock b : blocks) {
            Forwarder f = forwarderBySsrc(b.ssrc());
            if (f != null) {
                f.reportBlock(b.lastSenderReport(), b.delaySinceLastSenderReport(), nowNanos);
                f.remoteLossFraction = b.fractionLost() / 256.0;
                f.remoteJitterMillis = b.jitter() * 1000.0 / f.slot.kind().clockRate();
            }
        }
    }

    private Forwarder forwarderBySsrc(int ssrc) {
        for (Forwarder f : forwarders) {
            if ((int) f.slot.ssrc() == ssrc) {
                return f;
            }
        }
        return null;
    }

    /** Asks the publisher of {@code track} for a keyframe (PLI), at most every 300 ms. */
    static void requestKeyframe(InboundTrack track, long nowNanos) {
        requestKeyframe(track, nowNanos, false);
    }

    /**
     * Asks for a keyframe; {@code now} skips the 300 ms limit (a receiver just connected and has
     * nothing to decode from, whatever was asked for before).
     */
    static void requestKeyframe(InboundTrack track, long nowNanos, boolean now) {
        if (track == null || track.source.kind() != org.bangban.relay.room.MediaKind.VIDEO
                || (!track.keyframeRequestDue(nowNanos) && !now)) {
            return;
        }
        WebRtcTransport to = track.publisher.publish;
        if (to == null || !to.connected()) {
            return;
        }
        Pli pli = new Pli(RELAY_RTCP_SSRC, track.ssrc);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer(pli.size() + SrtpSession.MAX_RTCP_OVERHEAD);
        out.writerIndex(pli.write(out.array(), out.arrayOffset()));
        if (to.sendRtcp(out)) {
            track.publisher.counters.keyframeRequests.increment();
        }
    }

    /** The relay's receiver report to this publisher (relay timer thread, once a second). */
    void sendReceiverReport(long nowNanos) {
        WebRtcTransport to = publish;
        InboundTrack[] tracks = inbound;
        if (to == null || !to.connected() || tracks.length == 0) {
            return;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        for (InboundTrack t : tracks) {
            if (t.packets > 0) {
                blocks.add(t.reception.reportBlock(nowNanos));
            }
        }
        if (blocks.isEmpty()) {
            return;
        }
        List<RtcpPacket> compound = new ArrayList<>(2);
        compound.add(new ReceiverReport(RELAY_RTCP_SSRC, blocks.subList(0, Math.min(31, blocks.size()))));
        Remb remb = rembFor(tracks);
        if (remb != null) {
            compound.add(remb);
            counters.rembsForwarded.increment();
        }
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer(Rtcp.size(compound) + SrtpSession.MAX_RTCP_OVERHEAD);
        out.writerIndex(Rtcp.write(compound, out.array(), out.arrayOffset()));
        to.sendRtcp(out);
    }

    /**
     * The bandwidth this publisher's video may use: the lowest estimate any of its receivers sent
     * (REMB, forwarded rather than terminated, see docs/decisions.md), or null before any came.
     */
    private static Remb rembFor(InboundTrack[] tracks) {
        long lowest = Long.MAX_VALUE;
        List<Integer> ssrcs = new ArrayList<>();
        for (InboundTrack t : tracks) {
            if (t.source.kind() != org.bangban.relay.room.MediaKind.VIDEO) {
                continue;
            }
            for (Forwarder f : t.subscribers) {
                long bps = f.rembBps;
                if (bps > 0) {
                    lowest = Math.min(lowest, bps);
                    if (!ssrcs.contains(t.ssrc)) {
                        ssrcs.add(t.ssrc);
                    }
                }
            }
        }
        return ssrcs.isEmpty() ? null : new Remb(RELAY_RTCP_SSRC, lowest, ssrcs);
    }

    // ---------------------------------------------------------------- transport events

    @Override
    public void transportConnected(WebRtcTransport transport) {
        if (transport == subscribe) {
            long now = System.nanoTime();
            for (Forwarder f : forwarders) {
                requestKeyframe(f.source(), now, true);
            }
        }
    }

    @Override
    public void transportFailed(WebRtcTransport transport, String reason) {
        room.endpointFailed(this, reason);
    }
}
