package org.bangban.bench.media;

import java.util.List;

/**
 * What the receivers measured over one window, summed over every (sent stream, receiver) pair: packets the senders
 * sent in the window that should have arrived ({@code expected}), arrived ({@code received}), lost, the added-latency
 * histogram, the RFC 3550 jitter (mean and largest over the pairs) and the received bytes. Build it with {@link #of}
 * once the loops stopped.
 *
 * @param sentInWindow packets the senders sent in the window (each counted once, however many receive it)
 * @param sendFailures packets the generator's own sockets refused (not counted as sent)
 * @param framesSkipped frames the senders skipped because their loop fell behind (the generator was starved)
 * @param scheduled    packets the streams' specs call for over the window: when {@code sentInWindow} falls short of it, the
 *                     generator could not keep up
 */
public record MediaResult(double seconds, long sentInWindow, double scheduled, long expected, long received, long lost, long bytes,
                          Histogram latency, double jitterMeanNanos, double jitterMaxNanos, long sendFailures,
                          long framesSkipped, long reordered, WebRtcPeer.Counters counters) {

    /** Sums the meters and streams of {@code peers} over {@code window} (closed). */
    public static MediaResult of(List<? extends MediaEndpoint> peers, MeasureWindow window) {
        double scheduled = 0;
        long sent = 0, expected = 0, received = 0, lost = 0, bytes = 0, failures = 0, skipped = 0, reordered = 0;
        double jitterSum = 0, jitterMax = 0;
        int jitterCount = 0;
        Histogram latency = new Histogram();
        WebRtcPeer.Counters counters = new WebRtcPeer.Counters(0, 0, 0, 0, 0, 0, 0, 0);
        for (MediaEndpoint p : peers) {
            for (OutboundStream s : p.sending()) {
                sent += s.sentInWindow();
                scheduled += s.spec().packetsPerSecond() * window.seconds();
                failures += s.sendFailures();
                skipped += s.framesSkipped();
            }
            for (StreamMeter m : p.meters()) {
                expected += m.expected();
                received += m.received();
                lost += m.lost();
                bytes += m.bytes();
                reordered += m.reordered();
                latency.add(m.latency());
                if (m.received() > 1) {
                    jitterSum += m.jitterNanos();
                    jitterMax = Math.max(jitterMax, m.jitterNanos());
                    jitterCount++;
                }
            }
            counters = counters.plus(p.counters());
        }
        return new MediaResult(window.seconds(), sent, scheduled, expected, received, lost, bytes, latency,
                jitterCount == 0 ? Double.NaN : jitterSum / jitterCount, jitterMax, failures, skipped, reordered,
                counters);
    }

    /** Lost as a percentage of expected (NaN when nothing was expected). */
    public double lossPercent() {
        return expected == 0 ? Double.NaN : 100.0 * lost / expected;
    }

    /** Received megabits per second (SRTP packets as they arrived, headers and tags included). */
    public double mbps() {
        return bytes * 8 / seconds / 1e6;
    }

    public double packetsPerSecond() {
        return received / seconds;
    }

    /** Adds the receive-side figures to a summary line: loss_pct, lat_p50_ms … jitter_ms, mbps, rx_pps. */
    public SummaryLine addTo(SummaryLine line) {
        return line.put("sent_pkts", sentInWindow)
                .put("sent_pct", scheduled == 0 ? Double.NaN : 100.0 * sentInWindow / scheduled)
                .put("expected_pkts", expected).put("rx_pkts", received)
                .put("loss_pct", lossPercent())
                .put("lat_p50_ms", latency.percentile(0.50) / 1e6).put("lat_p90_ms", latency.percentile(0.90) / 1e6)
                .put("lat_p99_ms", latency.percentile(0.99) / 1e6).put("lat_max_ms", latency.max() / 1e6)
                .put("jitter_ms", jitterMeanNanos / 1e6).put("jitter_max_ms", jitterMaxNanos / 1e6)
                .put("mbps", mbps()).put("rx_pps", packetsPerSecond())
                .put("gen_send_fail", sendFailures).put("gen_frames_skipped", framesSkipped)
                .put("srtp_fail", counters.srtpFailures());
    }
}
