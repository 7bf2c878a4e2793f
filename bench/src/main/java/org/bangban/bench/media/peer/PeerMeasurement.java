package org.bangban.bench.media.peer;

import java.time.Duration;
import java.util.List;
import org.bangban.bench.media.MeasureWindow;
import org.bangban.bench.media.Measurement;
import org.bangban.bench.media.MediaEndpoint;
import org.bangban.bench.media.MediaLoop;
import org.bangban.bench.media.MediaBench;
import org.bangban.bench.media.MediaResult;
import org.bangban.bench.media.ProcCpu;
import org.bangban.bench.media.SummaryLine;

/**
 * The measured part of a peer's run, the same for coturn and Janus as for Bangban: warm-up, one window with the
 * server's CPU time (all its threads, from /proc) and the generator's sampled at its edges, the drain, and the
 * {@code BENCH media peer=…} line. {@code fwd_pkts} is what the receivers got in the window (coturn and Janus have no
 * counter the harness reads), so {@code pps_per_cpu_s} is packets delivered per server CPU-second.
 */
final class PeerMeasurement {
    private PeerMeasurement() {
    }

    static SummaryLine run(String peer, long serverPid, PeerOptions o, List<MediaLoop> loops,
                           List<? extends MediaEndpoint> endpoints, MeasureWindow window) throws Exception {
        String load = MediaBench.loadAverage();
        System.out.printf("media: %s: %d sessions (%d sockets) streaming; warming up %d s%n", peer, o.sessions(),
                endpoints.size(), o.warmupS());
        Thread.sleep(o.warmupS() * 1000L); // the load runs before the window: warm-up, not a wait
        double[] cpu = new double[4];
        MediaResult r = Measurement.run(loops, endpoints, window, Duration.ofSeconds(o.durationS()),
                Duration.ofMillis(o.drainMs()), new Measurement.Edges() {
                    @Override
                    public void opened() {
                        cpu[0] = ProcCpu.seconds(serverPid);
                        cpu[1] = ProcCpu.self();
                    }

                    @Override
                    public void closed() {
                        cpu[2] = ProcCpu.seconds(serverPid);
                        cpu[3] = ProcCpu.self();
                    }
                });
        for (MediaLoop loop : loops) {
            if (loop.failure() != null) throw new IllegalStateException("a generator loop failed", loop.failure());
        }
        double serverCpu = cpu[2] - cpu[0];
        double genCpu = cpu[3] - cpu[1];
        SummaryLine line = new SummaryLine("media").put("peer", peer).put("scenario", "run")
                .put("sessions", o.sessions()).put("kbps", o.videoKbps()).put("endpoints", o.sessions() * 2)
                .put("transports", endpoints.size()).put("duration_s", r.seconds())
                .put("fwd_pkts", r.received()).put("relay_cpu_s", serverCpu)
                .put("pps_per_cpu_s", serverCpu > 0 ? r.received() / serverCpu : Double.NaN)
                .put("relay_cpu_pct", 100 * serverCpu / r.seconds());
        r.addTo(line);
        line.put("gen_cpu_s", genCpu).put("gen_cpu_pct", 100 * genCpu / r.seconds())
                .put("load1", load.split(" ")[0]);
        System.out.printf("media: %s: window %.1f s: %d packets delivered (%.0f/s) on %.2f CPU-s of the server = %.0f "
                        + "per CPU-second; sent %d, expected %d, received %d, lost %d (%.4f %%); latency p50 %.3f p99 "
                        + "%.3f max %.3f ms; load average at start %s%n",
                peer, r.seconds(), r.received(), r.received() / r.seconds(), serverCpu, r.received() / serverCpu,
                r.sentInWindow(), r.expected(), r.received(), r.lost(), r.lossPercent(),
                r.latency().percentile(0.5) / 1e6, r.latency().percentile(0.99) / 1e6, r.latency().max() / 1e6, load);
        return line;
    }
}
