package org.bangban.bench.media;

import java.util.List;
import org.bangban.relay.rtcp.NtpTime;
import org.bangban.relay.rtcp.SenderReport;
import org.bangban.relay.rtp.RtpPacket;

/**
 * One track a {@link WebRtcPeer} sends, paced like a browser's: every frame interval a burst of
 * {@link StreamSpec#packetsPerFrame()} RTP packets, each payload starting with a {@link Probe}, and an RTCP sender
 * report once a second. Owned by the thread of the peer's {@link MediaLoop}; the counters are read after that
 * thread stopped.
 */
public final class OutboundStream {
    /** A sender this far behind its schedule (the loop was starved) skips the frames it missed instead of bursting. */
    static final long MAX_LAG_NANOS = 200_000_000L;
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    /** Where the packets go: protects them in place and sends them; false when the packet could not be sent. */
    public interface Sink {
        boolean sendRtp(byte[] buf, int len);

        boolean sendRtcp(byte[] buf, int len);
    }

    private final int id;
    private final StreamSpec spec;
    private final int ssrc;
    private final MeasureWindow window;
    private int rtpSequence;
    private int rtpTimestamp;
    private int probeSequence;
    private long nextFrameNanos = Long.MIN_VALUE;
    private long nextReportNanos;
    private long packets;
    private long octets;
    private long sentInWindow;
    private long sendFailures;
    private long framesSkipped;

    /**
     * @param id     the stream id written in every probe, unique in the run
     * @param ssrc   the RTP SSRC, as announced in the SDP
     * @param window decides which packets count
     */
    public OutboundStream(int id, StreamSpec spec, int ssrc, MeasureWindow window) {
        this.id = id;
        this.spec = spec;
        this.ssrc = ssrc;
        this.window = window;
        this.rtpSequence = (id * 7919) & 0x7FFF;
        this.rtpTimestamp = id * 104_729;
    }

    public int id() {
        return id;
    }

    public int ssrc() {
        return ssrc;
    }

    public StreamSpec spec() {
        return spec;
    }

    /**
     * Sends every frame due by {@code now} into {@code sink}, using {@code buf} (at least 1,500 bytes) as scratch,
     * and a sender report when one is due. The first call schedules the first frame at a phase spread by the stream
     * id, so many streams do not burst in the same millisecond.
     */
    public void sendDue(long now, byte[] buf, Sink sink) {
        long interval = spec.frameIntervalNanos();
        if (nextFrameNanos == Long.MIN_VALUE) {
            nextFrameNanos = now + (long) ((id * 0.6180339887) % 1.0 * interval);
            nextReportNanos = nextFrameNanos + REPORT_INTERVAL_NANOS;
        }
        if (now - nextFrameNanos > MAX_LAG_NANOS) {
            long missed = (now - nextFrameNanos) / interval;
            framesSkipped += missed;
            nextFrameNanos += missed * interval;
        }
        while (now >= nextFrameNanos) {
            int n = spec.packetsPerFrame();
            for (int i = 0; i < n; i++) {
                RtpPacket.writeFixedHeader(buf, 0, i == n - 1, spec.payloadType(), rtpSequence, rtpTimestamp, ssrc);
                rtpSequence = (rtpSequence + 1) & 0xFFFF;
                long t = System.nanoTime();
                Probe.write(buf, RtpPacket.FIXED_HEADER_LENGTH, id, probeSequence++, t);
                if (sink.sendRtp(buf, RtpPacket.FIXED_HEADER_LENGTH + spec.payloadBytes())) {
                    packets++;
                    octets += spec.payloadBytes();
                    if (window.contains(t)) sentInWindow++;
                } else {
                    sendFailures++;
                }
            }
            rtpTimestamp += spec.timestampStep();
            nextFrameNanos += interval;
        }
        if (now >= nextReportNanos) {
            nextReportNanos = now + REPORT_INTERVAL_NANOS;
            SenderReport sr = new SenderReport(ssrc, NtpTime.fromUnixMillis(System.currentTimeMillis()), rtpTimestamp,
                    packets & 0xFFFF_FFFFL, octets & 0xFFFF_FFFFL, List.of());
            if (!sink.sendRtcp(buf, sr.write(buf, 0))) sendFailures++;
        }
    }

    /** RTP packets sent (handed to the socket). */
    public long packets() {
        return packets;
    }

    /** Packets sent whose probe's send time is in the window: what each receiver should get. */
    public long sentInWindow() {
        return sentInWindow;
    }

    /** Packets the socket refused (its send buffer was full): the generator, not the relay, dropped them. */
    public long sendFailures() {
        return sendFailures;
    }

    /** Frames not sent because the loop fell more than 200 ms behind. */
    public long framesSkipped() {
        return framesSkipped;
    }
}
