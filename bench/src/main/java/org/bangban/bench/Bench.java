package org.bangban.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command line of the Bangban benchmark harness.
 *
 * <pre>
 * java -jar bench/target/bangban-bench.jar signaling [--rate 200] [--helpers 1000] [--duration 60]
 *      [--warmup 10] [--no-ramp] [--redis redis://127.0.0.1:6379] [--think-ms 200] [--talk-ms 1000-3000] [--seed 42]
 *      [--separate-process [--server-jar signaling-server/target/bangban-server.jar] [--server-java-opts "..."]]
 * java -jar bench/target/bangban-bench.jar case-events --db sqlite|postgres [--seconds 20] [--writers 64] [--cases 2000]
 * java -jar bench/target/bangban-bench.jar indicators --db sqlite|postgres [--cases 1000000] [--days 365] [--repeat 5]
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
        if (!List.of("signaling", "case-events", "indicators").contains(name)) {
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

    /** {@code case-events --db sqlite|postgres [--seconds 20] [--writers 64] [--cases 2000] [--pg-url …] [--pg-user …]}. */
    static CaseEventsBench.Options parseCaseEvents(List<String> args) {
        Map<String, String> o = options(args, Map.of("--db", "sqlite", "--seconds", "20", "--writers", "64",
                "--cases", "2000", "--pg-url", "jdbc:postgresql://127.0.0.1:5432/", "--pg-user", "postgres"));
        int writers = positive("--writers", o.get("--writers"));
        int cases = positive("--cases", o.get("--cases"));
        if (cases < writers) throw new IllegalArgumentException("--cases must be at least --writers (each writer has its own cases)");
        return new CaseEventsBench.Options(db(o), positive("--seconds", o.get("--seconds")), writers, cases,
                o.get("--pg-url"), o.get("--pg-user"));
    }

    /** {@code indicators --db sqlite|postgres [--cases 1000000] [--days 365] [--repeat 5] [--seed 42] [--pg-url …]}. */
    static IndicatorsBench.Options parseIndicators(List<String> args) {
        Map<String, String> o = options(args, Map.of("--db", "sqlite", "--cases", "1000000", "--days", "365",
                "--repeat", "5", "--seed", "42", "--pg-url", "jdbc:postgresql://127.0.0.1:5432/", "--pg-user", "postgres"));
        return new IndicatorsBench.Options(db(o), positive("--cases", o.get("--cases")), positive("--days", o.get("--days")),
                positive("--repeat", o.get("--repeat")), Long.parseLong(o.get("--seed")), o.get("--pg-url"),
                o.get("--pg-user"));
    }

    private static String db(Map<String, String> o) {
        String db = o.get("--db");
        if (!db.equals("sqlite") && !db.equals("postgres")) {
            throw new IllegalArgumentException("--db is sqlite or postgres, was '" + db + "'");
        }
        return db;
    }

    /** --flag value (or --flag=value) pairs over defaults; an unknown flag is refused. */
    private static Map<String, String> options(List<String> args, Map<String, String> defaults) {
        Map<String, String> o = new java.util.HashMap<>(defaults);
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String[] fv = flagAndValue(rest.remove(0), rest);
            String flag = fv[0];
            String value = fv[1];
            if (!defaults.containsKey(flag)) throw new IllegalArgumentException("unknown option " + flag);
            o.put(flag, value);
        }
        return o;
    }

    /** Splits {@code --flag=value}, or takes the value from the next argument: {flag, value}. */
    private static String[] flagAndValue(String flag, List<String> rest) {
        int eq = flag.indexOf('=');
        if (eq > 0) return new String[] {flag.substring(0, eq), flag.substring(eq + 1)};
        if (rest.isEmpty()) throw new IllegalArgumentException(flag + " needs a value");
        return new String[] {flag, rest.remove(0)};
    }

    static SignalingBench.Options parse(List<String> args) {
        int rate = 200;
        int helpers = 1000;
        int duration = 60;
        int warmup = 10;
        String redis = null;
        int thinkMs = 200;
        int talkMin = 1000;
        int talkMax = 3000;
        long seed = 42;
        boolean ramp = true;
        boolean separate = false;
        Path jar = null;
        List<String> javaOptions = List.of();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if ("--no-ramp".equals(flag)) {
                ramp = false;
                continue;
            }
            if ("--separate-process".equals(flag)) {
                separate = true;
                continue;
            }
            String[] fv = flagAndValue(flag, rest);
            flag = fv[0];
            String value = fv[1];
            switch (flag) {
                case "--rate" -> rate = positive(flag, value);
                case "--helpers" -> helpers = positive(flag, value);
                case "--duration" -> duration = positive(flag, value);
                case "--warmup" -> warmup = nonNegative(flag, value);
                case "--redis" -> {
                    if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
                        throw new IllegalArgumentException("--redis takes a URL such as redis://127.0.0.1:6379");
                    }
                    redis = value;
                }
                case "--think-ms" -> thinkMs = nonNegative(flag, value);
                case "--talk-ms" -> {
                    String[] p = value.split("-", 2);
                    talkMin = nonNegative(flag, p[0]);
                    talkMax = p.length == 2 ? nonNegative(flag, p[1]) : talkMin;
                    if (talkMax < talkMin) throw new IllegalArgumentException("--talk-ms: give MIN-MAX with MIN <= MAX");
                }
                case "--seed" -> seed = Long.parseLong(value);
                case "--server-jar" -> jar = Path.of(value);
                case "--server-java-opts" -> javaOptions = List.of(value.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (rate > 2000) throw new IllegalArgumentException("--rate above 2000/s is beyond what one loopback client can open");
        if (!separate && (jar != null || !javaOptions.isEmpty())) {
            throw new IllegalArgumentException("--server-jar and --server-java-opts go with --separate-process");
        }
        if (separate && jar == null) jar = Path.of("signaling-server", "target", "bangban-server.jar");
        return new SignalingBench.Options(rate, helpers, duration, warmup, ramp, redis, thinkMs, talkMin, talkMax, seed,
                separate ? jar : null, javaOptions);
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
                "  --separate-process  run the server as its own JVM (java -jar, configured by BANGBAN_* variables)",
                "                    instead of in this process, so load generator and server do not share a JVM",
                "  --server-jar PATH   the server jar for --separate-process (signaling-server/target/bangban-server.jar)",
                "  --server-java-opts \"...\"  JVM options of the server process, e.g. \"-Xmx1g -XX:StartFlightRecording=...\""));
    }
}
