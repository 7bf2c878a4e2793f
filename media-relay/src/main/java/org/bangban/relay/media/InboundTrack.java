package org.bangban.relay.media;

import org.bangban.relay.rtcp.ReceptionStatistics;
import org.bangban.relay.room.TrackSource;

/**
 * A track an endpoint publishes, as the relay receives it: its SSRCs and payload types from the
 * endpoint's SDP, reception statistics for the receiver reports, and the forwarders that take
 * it to its receivers. Packets arrive on the publisher's I/O thread only.
 */
final class InboundTrack {

    private static final Forwarder[] NONE = new Forwarder[0];
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;

    final Endpoint publisher;
    final TrackSource source;
    final String mid;
    final int ssrc;
    final int rtxSsrc;
    final boolean hasRtx;
    final PayloadMap payloads;
    final ExtensionIds extensions;
    final ReceptionStatistics reception;
    volatile Forwarder[] subscribers = NONE;

    private volatile long lastKeyframeRequestNanos;
    long packets;
    long bytes;
    private final BitrateMeter meter = new BitrateMeter();

    InboundTrack(Endpoint publisher, TrackSource source, String mid, int ssrc, int rtxSsrc, boolean hasRtx,
                 PayloadMap payloads, ExtensionIds extensions) {
        this.publisher = publisher;
        this.source = source;
        this.mid = mid;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.hasRtx = hasRtx;
        this.payloads = payloads;
        this.extensions = extensions;
        this.reception = new ReceptionStatistics(ssrc, source.kind().clockRate());
    }

    /** True when a keyframe request may go out now (at most one per 300 ms per track). */
    boolean keyframeRequestDue(long nowNanos) {
        long last = lastKeyframeRequestNanos;
        if (nowNanos - last < KEYFRAME_REQUEST_INTERVAL_NANOS && last != 0) {
            return false;
        }
        lastKeyframeRequestNanos = nowNanos;
        return true;
    }

    /** Called once a second by the relay's timer. */
    void sampleBitrate(long nowNanos) {
        meter.sample(bytes, nowNanos);
    }

    long bitrate() {
        return meter.bitsPerSecond();
    }

    boolean sameStreamAs(InboundTrack other) {
        return other != null && other.source == source && other.ssrc == ssrc && other.mid.equals(mid);
    }
}
