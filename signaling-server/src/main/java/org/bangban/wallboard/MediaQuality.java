package org.bangban.wallboard;

import java.util.Collection;
import org.bangban.relay.control.EndpointStats;

/**
 * How a live session's media fares, as the relay measures it: the worst loss, round-trip time and jitter over the
 * tracks its participants publish, and a level a supervisor reads at a glance. Values are rounded (loss to 0.1 %,
 * RTT to 10 ms, jitter to 1 ms) so the wallboard does not change for noise.
 *
 * <p>Levels: {@code poor} when loss &gt; 5 %, RTT &gt; 400 ms or jitter &gt; 50 ms (speech breaks up, video
 * freezes); {@code fair} when loss &gt; 1 %, RTT &gt; 200 ms or jitter &gt; 30 ms (noticeable); else {@code good};
 * {@code none} while no media arrives.
 */
public record MediaQuality(String level, double lossPercent, long rttMs, long jitterMs) {
    public static final MediaQuality NONE = new MediaQuality("none", 0, 0, 0);

    /** From the relay's statistics of the session's participants (applicant and helper). */
    public static MediaQuality of(Collection<EndpointStats> participants) {
        double loss = 0;
        double jitter = 0;
        long rtt = 0;
        boolean media = false;
        for (EndpointStats e : participants) {
            if (e == null) continue;
            if (e.publish() != null) rtt = Math.max(rtt, e.publish().rttMillis());
            if (e.subscribe() != null) rtt = Math.max(rtt, e.subscribe().rttMillis());
            for (EndpointStats.InboundTrackStats t : e.inbound()) {
                if (t.packets() == 0) continue;
                media = true;
                loss = Math.max(loss, t.lossFraction());
                jitter = Math.max(jitter, t.jitterMillis());
            }
        }
        if (!media) return NONE;
        double lossPercent = Math.round(loss * 1000) / 10.0;
        long rttMs = Math.round(rtt / 10.0) * 10;
        long jitterMs = Math.round(jitter);
        String level = lossPercent > 5 || rttMs > 400 || jitterMs > 50 ? "poor"
                : lossPercent > 1 || rttMs > 200 || jitterMs > 30 ? "fair" : "good";
        return new MediaQuality(level, lossPercent, rttMs, jitterMs);
    }
}
