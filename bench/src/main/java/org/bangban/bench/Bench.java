package org.bangban.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.bench.media.MediaBench;
import org.bangban.bench.media.peer.PeerComparison;
import org.bangban.bench.media.peer.PeerOptions;

/**
 * Command line of the Bangban benchmark harness.
 *
 * <pre>
 * java -jar bench/target/bangban-bench.jar signaling [--rate 200] [--helpers 1000] [--duration 60]
 *      [--warmup 10] [--no-ramp] [--redis redis://127.0.0.1:6379] [--think-ms 200] [--talk-ms 1000-3000] [--seed 42]
 *      [--waiting 0] [--burst 0]
 *      [--separate-process [--server-jar signaling-server/target/bangban-server.jar] [--server-java-opts "..."]]
 * java -jar bench/target/bangban-bench.jar case-events --db sqlite|postgres [--seconds 20] [--writers 64] [--cases 2000]
 * java -jar bench/target/bangban-bench.jar indicators --db sqlite|postgres [--cases 1000000] [--days 365] [--repeat 5]
 * java -jar bench/target/bangban-bench.jar media [--sessions 50] [--duration 20] [--video-kbps 2500] [--screen]
 *      [--supervisor] [--find-max] … (bench/README.md)
 * java -jar bench/target/bangban-bench.jar media --compare | --peer bangban,coturn,janus [--sessions 50]
 *      [--duration 20] [--video-kbps 2500] [--janus-event-loops 2] [--rounds 1] …
 * </pre>
 *
 * Exit status: 0 when the run completed (whatever the figures), 1 when it could not run (setup failed),
 * 2 on a usage error, 3 when the watchdog stopped a run that overran its time bound.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        String name = args.length == 0 ? "" : args[0];
        if (!List.of("signaling", "case-events", "indicators", "media").contains(name)) {
            usage(args.length == 0 ? "name a benchmark" : "unknown benchmark '" + args[0] + "'");
            System.exit(2);
            return;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        java.util.concurrent.Callable<Integer> bench;
        try {
            bench = switch (name) {
                case "case-events" -> new CaseEventsBench(parseCaseEvents(rest))::run;
                case "indicators" -> new IndicatorsBench(parseIndicators(rest))::run;
                case "media" -> media(rest);
                default -> new SignalingBench(parse(rest))::run;
            };
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            status = bench.call();
        } catch (Exception e) {
            System.err.println("bench: the run failed: " + e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** The flags of the database benchmarks: which database, and the PostgreSQL server a database is made on. */
    private static final Set<String> DATABASE_FLAGS = Set.of("--db", "--pg-url", "--pg-user");

    /** {@code case-events --db sqlite|postgres [--seconds 20] [--writers 64] [--cases 2000] [--pg-url …] [--pg-user …]}. */
    static CaseEventsBench.Options parseCaseEvents(List<String> args) {
        Map<String, String> o = options(args, plus(DATABASE_FLAGS, "--seconds", "--writers", "--cases"), Set.of());
        int writers = positive("--writers", o.getOrDefault("--writers", "64"));
        int cases = positive("--cases", o.getOrDefault("--cases", "2000"));
        if (cases < writers) throw new IllegalArgumentException("--cases must be at least --writers (each writer has its own cases)");
        return new CaseEventsBench.Options(db(o), positive("--seconds", o.getOrDefault("--seconds", "20")), writers,
                cases, pgUrl(o), pgUser(o));
    }

    /** {@code indicators --db sqlite|postgres [--cases 1000000] [--days 365] [--repeat 5] [--seed 42] [--pg-url …]}. */
    static IndicatorsBench.Options parseIndicators(List<String> args) {
        Map<String, String> o = options(args, plus(DATABASE_FLAGS, "--cases", "--days", "--repeat", "--seed"),
                Set.of());
        return new IndicatorsBench.Options(db(o), positive("--cases", o.getOrDefault("--cases", "1000000")),
                positive("--days", o.getOrDefault("--days", "365")), positive("--repeat", o.getOrDefault("--repeat", "5")),
                Long.parseLong(o.getOrDefault("--seed", "42")), pgUrl(o), pgUser(o));
    }

    private static String db(Map<String, String> o) {
        String db = o.getOrDefault("--db", "sqlite");
        if (!db.equals("sqlite") && !db.equals("postgres")) {
            throw new IllegalArgumentException("--db is sqlite or postgres, was '" + db + "'");
        }
        return db;
    }

    private static String pgUrl(Map<String, String> o) {
        return o.getOrDefault("--pg-url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    private static String pgUser(Map<String, String> o) {
        return o.getOrDefault("--pg-user", "postgres");
    }

    private static Set<String> plus(Set<String> flags, String... more) {
        Set<String> all = new HashSet<>(flags);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * The options given, by flag: {@code --flag value} or {@code --flag=value} for the valued flags, and the
     * valueless switches (their value "true"); a flag given twice keeps its last value, an unknown one is refused.
     */
    private static Map<String, String> options(List<String> args, Set<String> valued, Set<String> switches) {
        Map<String, String> o = new HashMap<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (switches.contains(flag)) {
                o.put(flag, "true");
                continue;
            }
            String value = null;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (!valued.contains(flag)) throw new IllegalArgumentException("unknown option " + flag);
            if (value == null) {
                if (rest.isEmpty()) throw new IllegalArgumentException(flag + " needs a value");
                value = rest.remove(0);
            }
            o.put(flag, value);
        }
        return o;
    }

    /**
     * {@code media …}: Bangban alone, or with {@code --compare} (or {@code --peer coturn|janus|bangban}, comma-separated)
     * the peers one after the other under the same load ({@code --rounds N} times in turn); {@code --janus-event-loops N}
     * sets Janus's media threads.
     */
    static java.util.concurrent.Callable<Integer> media(List<String> args) {
        List<String> rest = new ArrayList<>();
        List<String> peers = List.of();
        int janusLoops = Runtime.getRuntime().availableProcessors();
        int rounds = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.equals("--compare")) {
                peers = PeerComparison.PEERS;
            } else if (flag.equals("--peer") || flag.equals("--janus-event-loops") || flag.equals("--rounds")) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                if (value == null) {
                    if (i + 1 == args.size()) throw new IllegalArgumentException(flag + " needs a value");
                    value = args.get(++i);
                }
                if (flag.equals("--peer")) peers = PeerComparison.parsePeers(value);
                else if (flag.equals("--rounds")) rounds = positive(flag, value);
                else janusLoops = nonNegative(flag, value);
            } else {
                rest.add(a);
            }
        }
        MediaBench.Options m = parseMedia(rest);
        if (peers.isEmpty()) return new MediaBench(m)::run;
        if (m.screen() || m.supervisor() || m.findMax()) {
            throw new IllegalArgumentException("--compare and --peer run the plain 1:1 sessions (microphone and camera "
                    + "each way): leave out --screen, --supervisor and --find-max");
        }
        PeerOptions o = new PeerOptions(m.sessions(), m.videoKbps(), m.durationS(), m.warmupS(), m.loops(),
                m.connectThreads(), m.drainMs(), janusLoops, 16, rounds);
        return new PeerComparison(new MediaBench(m), o, peers)::run;
    }

    /** {@code media [--sessions 50] [--duration 20] [--warmup 5] [--video-kbps 2500] [--screen] [--supervisor] …}. */
    static MediaBench.Options parseMedia(List<String> args) {
        Map<String, String> o = options(args, Set.of("--sessions", "--duration", "--warmup", "--video-kbps",
                "--screen-kbps", "--screen-fps", "--loops", "--connect-threads", "--drain-ms", "--relay-jar",
                "--relay-java-opts", "--relay-threads", "--find-max-start", "--find-max-step", "--find-max-limit"),
                Set.of("--screen", "--supervisor", "--find-max", "--heap-histogram"));
        int screenFps = positive("--screen-fps", o.getOrDefault("--screen-fps", "5"));
        if (screenFps > 60) throw new IllegalArgumentException("--screen-fps above 60 is not a screen share");
        int loops = positive("--loops", o.getOrDefault("--loops", "2"));
        if (loops > 8) throw new IllegalArgumentException("--loops above 8 only adds threads on this machine");
        List<String> javaOptions = o.containsKey("--relay-java-opts")
                ? List.of(o.get("--relay-java-opts").trim().split("\\s+")) : List.of();
        int start = positive("--find-max-start", o.getOrDefault("--find-max-start", "50"));
        int limit = positive("--find-max-limit", o.getOrDefault("--find-max-limit", "1000"));
        if (limit < start) throw new IllegalArgumentException("--find-max-limit must be at least --find-max-start");
        return new MediaBench.Options(positive("--sessions", o.getOrDefault("--sessions", "50")),
                positive("--duration", o.getOrDefault("--duration", "20")),
                nonNegative("--warmup", o.getOrDefault("--warmup", "5")),
                positive("--video-kbps", o.getOrDefault("--video-kbps", "2500")), o.containsKey("--screen"),
                positive("--screen-kbps", o.getOrDefault("--screen-kbps", "1000")), screenFps,
                o.containsKey("--supervisor"), loops,
                positive("--connect-threads", o.getOrDefault("--connect-threads", "4")),
                nonNegative("--drain-ms", o.getOrDefault("--drain-ms", "2000")),
                Path.of(o.getOrDefault("--relay-jar", "media-relay/target/bangban-relay.jar")), javaOptions,
                nonNegative("--relay-threads", o.getOrDefault("--relay-threads", "0")), o.containsKey("--find-max"),
                start, positive("--find-max-step", o.getOrDefault("--find-max-step", "50")), limit,
                o.containsKey("--heap-histogram"));
    }

    static SignalingBench.Options parse(List<String> args) {
        Map<String, String> o = options(args, Set.of("--rate", "--helpers", "--duration", "--warmup", "--redis",
                "--think-ms", "--talk-ms", "--seed", "--server-jar", "--server-java-opts", "--waiting", "--burst"),
                Set.of("--no-ramp", "--separate-process"));
        int rate = positive("--rate", o.getOrDefault("--rate", "200"));
        if (rate > 2000) throw new IllegalArgumentException("--rate above 2000/s is beyond what one loopback client can open");
        String redis = o.get("--redis");
        if (redis != null && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis takes a URL such as redis://127.0.0.1:6379");
        }
        String[] talk = o.getOrDefault("--talk-ms", "1000-3000").split("-", 2);
        int talkMin = nonNegative("--talk-ms", talk[0]);
        int talkMax = talk.length == 2 ? nonNegative("--talk-ms", talk[1]) : talkMin;
        if (talkMax < talkMin) throw new IllegalArgumentException("--talk-ms: give MIN-MAX with MIN <= MAX");
        boolean separate = o.containsKey("--separate-process");
        Path jar = o.containsKey("--server-jar") ? Path.of(o.get("--server-jar")) : null;
        List<String> javaOptions = o.containsKey("--server-java-opts")
                ? List.of(o.get("--server-java-opts").trim().split("\\s+")) : List.of();
        if (!separate && (jar != null || !javaOptions.isEmpty())) {
            throw new IllegalArgumentException("--server-jar and --server-java-opts go with --separate-process");
        }
        if (separate && jar == null) jar = Path.of("signaling-server", "target", "bangban-server.jar");
        int helpers = positive("--helpers", o.getOrDefault("--helpers", "1000"));
        int burst = nonNegative("--burst", o.getOrDefault("--burst", "0"));
        if (burst > helpers) throw new IllegalArgumentException("--burst is at most --helpers (each free helper takes one offer)");
        return new SignalingBench.Options(rate, helpers,
                positive("--duration", o.getOrDefault("--duration", "60")),
                nonNegative("--warmup", o.getOrDefault("--warmup", "10")), !o.containsKey("--no-ramp"), redis,
                nonNegative("--think-ms", o.getOrDefault("--think-ms", "200")), talkMin, talkMax,
                Long.parseLong(o.getOrDefault("--seed", "42")), separate ? jar : null, javaOptions,
                nonNegative("--waiting", o.getOrDefault("--waiting", "0")), burst);
    }

    private static int positive(String flag, String v) {
        int n = nonNegative(flag, v);
        if (n == 0) throw new IllegalArgumentException(flag + " must be above 0");
        return n;
    }

    private static int nonNegative(String flag, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new IllegalArgumentException(flag + " must not be negative, was " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was '" + v + "'");
        }
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println(String.join("\n",
                "usage: java -jar bench/target/bangban-bench.jar signaling [options]",
                "       java -jar bench/target/bangban-bench.jar case-events --db sqlite|postgres [--seconds 20]",
                "            [--writers 64] [--cases 2000] [--pg-url jdbc:postgresql://127.0.0.1:5432/] [--pg-user postgres]",
                "       java -jar bench/target/bangban-bench.jar indicators --db sqlite|postgres [--cases 1000000]",
                "            [--days 365] [--repeat 5] [--seed 42] [--pg-url …] [--pg-user …]",
                "       java -jar bench/target/bangban-bench.jar media [--sessions 50] [--duration 20] [--warmup 5]",
                "            [--video-kbps 2500] [--screen [--screen-kbps 1000] [--screen-fps 5]] [--supervisor]",
                "            [--find-max [--find-max-start 50] [--find-max-step 50] [--find-max-limit 1000]]",
                "            [--loops 2] [--connect-threads 4] [--drain-ms 2000] [--relay-jar PATH]",
                "            [--relay-java-opts \"...\"] [--relay-threads 0] [--heap-histogram]",
                "       java -jar bench/target/bangban-bench.jar media --compare | --peer bangban,coturn,janus",
                "            [--sessions 50] [--duration 20] [--warmup 5] [--video-kbps 2500] [--janus-event-loops 2]",
                "            [--rounds 1]",
                "            (Bangban, coturn and Janus one after the other under the same load; needs apt-get install",
                "            coturn janus)",
                "  (bench/README.md explains each benchmark; the options below are signaling's)",
                "  --rate N          applicants (help requests) per second, open loop (200)",
                "  --helpers N       helper consoles logged in and available (1000)",
                "  --duration S      measured seconds, after the warm-up (60)",
                "  --warmup S        seconds of load before measuring, not counted (10); the rate ramps up",
                "                    from 5% to full over it, so a cold JIT does not start the run in a backlog",
                "  --no-ramp         warm up at the full rate from the first second",
                "  --redis URL       live state in Redis (production profile, SQLite records) instead of in-memory",
                "  --think-ms MAX    helper waits 0..MAX ms before accepting an offer (200)",
                "  --talk-ms MIN-MAX session length before the helper ends it (1000-3000)",
                "  --seed N          random seed for helper skills and requested items (42)",
                "  --waiting N       applicants connected and queued for the whole run, for a language only",
                "                    specialists on a break speak; checked at the end (0)",
                "  --burst N         after the run: N requests at once against free helpers, timed (0; N <= helpers)",
                "  --separate-process  run the server as its own JVM (java -jar, configured by BANGBAN_* variables)",
                "                    instead of in this process, so load generator and server do not share a JVM",
                "  --server-jar PATH   the server jar for --separate-process (signaling-server/target/bangban-server.jar)",
                "  --server-java-opts \"...\"  JVM options of the server process, e.g. \"-Xmx1g -XX:StartFlightRecording=...\""));
    }
}
