package org.bangban.bench.media.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bangban.bench.media.MediaBench;
import org.bangban.bench.media.SummaryLine;

/**
 * {@code media --compare} (and {@code media --peer …}): Bangban, coturn and Janus one after the other on this
 * machine under the same load (the same sessions, streams and window), each printing its {@code BENCH media peer=…}
 * line, then one {@code BENCH media-compare} line with the ratios of packets delivered per server CPU-second:
 * Bangban / coturn (target ≥ 1.5) and Bangban / Janus (target ≥ 1). A side that fails is reported and the others
 * still run; every server process is stopped, also on failure or Ctrl-C.
 */
public final class PeerComparison {
    /** The sides, in the order they run. */
    public static final List<String> PEERS = List.of("bangban", "coturn", "janus");
    static final double COTURN_TARGET = 1.5;
    static final double JANUS_TARGET = 1.0;

    private final MediaBench bangban;
    private final PeerOptions options;
    private final List<String> peers;

    public PeerComparison(MediaBench bangban, PeerOptions options, List<String> peers) {
        this.bangban = bangban;
        this.options = options;
        this.peers = PEERS.stream().filter(peers::contains).toList();
    }

    /** 0 when every side ran, 1 when one could not. */
    public int run() {
        String load = MediaBench.loadAverage();
        System.out.printf("media: comparing %s with %d sessions of %d kbit/s video each way, %d s window; %d cores, "
                        + "load average at start %s%n", String.join(", ", peers), options.sessions(),
                options.videoKbps(), options.durationS(), Runtime.getRuntime().availableProcessors(), load);
        Map<String, SummaryLine> lines = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (String peer : peers) {
            try {
                SummaryLine line = switch (peer) {
                    case "coturn" -> new CoturnScenario(options).run();
                    case "janus" -> new JanusScenario(options).run();
                    default -> bangban.once(options.sessions(), "run");
                };
                lines.put(peer, line);
                System.out.println(line);
            } catch (Exception e) {
                failed.add(peer);
                System.err.println("media: the " + peer + " run failed: " + e.getMessage());
                e.printStackTrace(System.err);
            }
        }
        if (peers.size() > 1) {
            System.out.println("media: the lines again, together:");
            lines.values().forEach(System.out::println);
            System.out.println(compare(lines, options, load.split(" ")[0], failed));
        }
        return failed.isEmpty() ? 0 : 1;
    }

    /** Packets the receivers got in the window per CPU-second of the server: the same figure for every side. */
    static double deliveredPerCpuSecond(SummaryLine line) {
        return Double.parseDouble(line.get("rx_pkts")) / Double.parseDouble(line.get("relay_cpu_s"));
    }

    static SummaryLine compare(Map<String, SummaryLine> lines, PeerOptions o, String loadAtStart, List<String> failed) {
        SummaryLine c = new SummaryLine("media-compare").put("sessions", o.sessions()).put("kbps", o.videoKbps())
                .put("duration_s", o.durationS());
        Map<String, Double> perCpu = new LinkedHashMap<>();
        lines.forEach((peer, line) -> {
            perCpu.put(peer, deliveredPerCpuSecond(line));
            c.put(peer + "_pps_per_cpu_s", perCpu.get(peer)).put(peer + "_loss_pct", line.get("loss_pct"))
                    .put(peer + "_lat_p99_ms", line.get("lat_p99_ms"));
        });
        Double ours = perCpu.get("bangban");
        ratio(c, "coturn", ours, perCpu.get("coturn"), COTURN_TARGET);
        ratio(c, "janus", ours, perCpu.get("janus"), JANUS_TARGET);
        if (lines.containsKey("janus")) c.put("janus_srtp_profile", lines.get("janus").get("srtp_profile"));
        List<String> starved = lines.entrySet().stream()
                .filter(e -> Long.parseLong(e.getValue().get("gen_frames_skipped")) > 0
                        || Long.parseLong(e.getValue().get("gen_send_fail")) > 0)
                .map(Map.Entry::getKey).toList();
        // a generator that skipped frames or could not send put less load on that side: the ratio is not like for like
        c.put("generator_starved", starved.isEmpty() ? "none" : String.join(",", starved));
        c.put("load1_start", loadAtStart);
        if (!failed.isEmpty()) c.put("failed", String.join(",", failed));
        return c;
    }

    private static void ratio(SummaryLine c, String peer, Double ours, Double theirs, double target) {
        if (ours == null || theirs == null) return;
        double r = ours / theirs;
        c.put("bangban_vs_" + peer, r).put(peer + "_target", target)
                .put(peer + "_target_met", Double.isNaN(r) ? "n/a" : r >= target ? "yes" : "no");
    }

    /** The sides named by {@code --compare} (all) or {@code --peer a,b}. */
    public static List<String> parsePeers(String value) {
        List<String> chosen = new ArrayList<>();
        for (String p : value.split(",")) {
            String name = p.trim().toLowerCase(Locale.ROOT);
            if (!PEERS.contains(name)) {
                throw new IllegalArgumentException("--peer takes bangban, coturn or janus (comma-separated), was '" + p + "'");
            }
            if (!chosen.contains(name)) chosen.add(name);
        }
        return chosen;
    }
}
