package org.bangban.bench.media.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bangban.bench.media.MediaBench;
import org.bangban.bench.media.SummaryLine;

/**
 * {@code media --compare} (and {@code media --peer …}): Bangban, coturn and Janus one after the other on this
 * machine under the same load (the same sessions, streams and window), each printing its {@code BENCH media peer=…}
 * line, then one {@code BENCH media-compare} line with the ratios of packets delivered per server CPU-second:
 * Bangban / coturn (target ≥ 1.5) and Bangban / Janus (target ≥ 1). A side that fails is reported and the others
 * still run; every server process is stopped, also on failure or Ctrl-C. With {@code --rounds N} the sides run N
 * times in turn (so a change in the machine's load hits every side alike) and a last line gives the medians.
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

    /** 0 when every side ran in every round, 1 when one could not. */
    public int run() {
        String load = MediaBench.loadAverage();
        System.out.printf("media: comparing %s with %d sessions of %d kbit/s video each way, %d s window, %d round(s);"
                        + " %d cores, load average at start %s%n", String.join(", ", peers), options.sessions(),
                options.videoKbps(), options.durationS(), options.rounds(), Runtime.getRuntime().availableProcessors(),
                load);
        Map<String, List<Double>> perCpu = new LinkedHashMap<>();
        List<String> compares = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        Set<String> starved = new LinkedHashSet<>();
        for (int round = 1; round <= options.rounds(); round++) {
            String roundLoad = MediaBench.loadAverage().split(" ")[0];
            Map<String, SummaryLine> lines = new LinkedHashMap<>();
            List<String> roundFailed = new ArrayList<>();
            for (String peer : peers) {
                try {
                    SummaryLine line = switch (peer) {
                        case "coturn" -> new CoturnScenario(options).run();
                        case "janus" -> new JanusScenario(options).run();
                        default -> bangban.once(options.sessions(), "run");
                    };
                    lines.put(peer, line);
                    System.out.println(line);
                    perCpu.computeIfAbsent(peer, k -> new ArrayList<>()).add(deliveredPerCpuSecond(line));
                } catch (Exception e) {
                    roundFailed.add(peer);
                    System.err.println("media: the " + peer + " run failed: " + e.getMessage());
                    e.printStackTrace(System.err);
                }
            }
            failed.addAll(roundFailed);
            if (peers.size() > 1) {
                SummaryLine c = compare(lines, options, roundLoad, roundFailed);
                if (options.rounds() > 1) c.put("round", round);
                starved.addAll(List.of(c.get("generator_starved").split(",")));
                compares.add(c.toString());
                System.out.println("media: the lines of round " + round + " again, together:");
                lines.values().forEach(System.out::println);
                System.out.println(c);
            }
        }
        if (peers.size() > 1 && options.rounds() > 1) {
            starved.remove("none");
            System.out.println("media: every round:");
            compares.forEach(System.out::println);
            System.out.println(median(perCpu, options, load.split(" ")[0], starved, failed));
        }
        return failed.isEmpty() ? 0 : 1;
    }

    /** The comparison over several rounds: each side's median packets per CPU-second and the ratios of the medians. */
    static SummaryLine median(Map<String, List<Double>> perCpu, PeerOptions o, String loadAtStart,
                              Set<String> starved, Set<String> failed) {
        SummaryLine c = new SummaryLine("media-compare").put("sessions", o.sessions()).put("kbps", o.videoKbps())
                .put("duration_s", o.durationS()).put("round", "median").put("rounds", o.rounds());
        Map<String, Double> medians = new LinkedHashMap<>();
        perCpu.forEach((peer, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            medians.put(peer, m);
            c.put(peer + "_pps_per_cpu_s", m).put(peer + "_rounds", n);
        });
        ratios(c, medians);
        c.put("generator_starved", starved.isEmpty() ? "none" : String.join(",", starved))
                .put("load1_start", loadAtStart);
        if (!failed.isEmpty()) c.put("failed", String.join(",", failed));
        return c;
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
        ratios(c, perCpu);
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

    private static void ratios(SummaryLine c, Map<String, Double> perCpu) {
        Double ours = perCpu.get("bangban");
        ratio(c, "coturn", ours, perCpu.get("coturn"), COTURN_TARGET);
        ratio(c, "janus", ours, perCpu.get("janus"), JANUS_TARGET);
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
