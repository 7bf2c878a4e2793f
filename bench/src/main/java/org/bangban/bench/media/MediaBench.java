package org.bangban.bench.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.bangban.bench.ChildProcess;
import org.bangban.relay.control.RelayStats;
import org.bangban.relay.control.http.HttpRelayClient;

/**
 * {@code media}: the Bangban media relay under load. Starts the relay as its own process
 * ({@code java -jar media-relay/target/bangban-relay.jar}), sets up sessions over its HTTP control API
 * ({@link RelaySessions}), lets them stream, measures one window and prints one {@code BENCH media …} line; with
 * {@code --find-max} it steps the session count up until the load is too much and then runs at half the maximum.
 * bench/README.md explains the figures.
 */
public final class MediaBench {

    /**
     * The command line of {@code media}.
     *
     * @param relayThreads the relay's I/O threads (BANGBAN_RELAY_THREADS; 0: one per core)
     * @param loops        generator loop threads
     * @param heapHistogram print the relay's largest classes on the heap with the sessions open
     */
    public record Options(int sessions, int durationS, int warmupS, int videoKbps, boolean screen, int screenKbps,
                          int screenFps, boolean supervisor, int loops, int connectThreads, int drainMs,
                          Path relayJar, List<String> relayJavaOptions, int relayThreads, boolean findMax,
                          int findMaxStart, int findMaxStep, int findMaxLimit, boolean heapHistogram) {
    }

    /** A run at or below this loss is "no loss" for --find-max. */
    static final double MAX_LOSS_PCT = 0.1;
    /** The machine counts as saturated when relay + generator used this share of every core in the window. */
    static final double SATURATED_SHARE = 0.95;
    private static final Pattern RELAY_READY = Pattern.compile("Bangban media relay: UDP (\\d+), ICE-TCP (-?\\d+), control http://[^:]+:(\\d+)/");

    private final Options o;

    public MediaBench(Options options) {
        this.o = options;
    }

    /** Runs the scenario (or the search); 0 when it completed, 1 when the relay could not be driven. */
    public int run() throws Exception {
        if (!Files.isRegularFile(o.relayJar())) {
            System.err.println("media: no relay jar at " + o.relayJar().toAbsolutePath() + "; build it with "
                    + "./mvnw -q -o -pl media-relay,bench -am package -DskipTests, or give its path with --relay-jar");
            return 1;
        }
        System.out.printf("media: %d cores, load average at start %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage());
        if (!o.findMax()) {
            System.out.println(once(o.sessions(), "run"));
            return 0;
        }
        return findMax();
    }

    private int findMax() throws Exception {
        List<String> lines = new ArrayList<>();
        int best = 0;
        SummaryLine bestLine = null;
        String stop = "reached --find-max-limit " + o.findMaxLimit();
        for (int n = o.findMaxStart(); n <= o.findMaxLimit(); n += o.findMaxStep()) {
            SummaryLine line = once(n, "find-max-step");
            lines.add(line.toString());
            System.out.println(line);
            String why = tooMuch(line);
            if (why != null) {
                stop = n + " sessions: " + why;
                break;
            }
            best = n;
            bestLine = line;
        }
        System.out.println("media: find-max stopped at " + stop + "; the maximum is " + best + " sessions");
        SummaryLine half = best >= 2 ? once(best / 2, "half-max") : null;
        System.out.println("media: the steps were");
        lines.forEach(System.out::println);
        if (bestLine != null) System.out.println(bestLine.toString().replace("scenario=find-max-step", "scenario=max"));
        if (half != null) System.out.println(half);
        return 0;
    }

    /** Why this step is beyond the maximum, or null when the relay kept up. */
    static String tooMuch(SummaryLine line) {
        if (Integer.parseInt(line.get("failed_sessions")) > 0) {
            return line.get("failed_sessions") + " sessions could not be set up";
        }
        double loss = Double.parseDouble(line.get("loss_pct"));
        if (Double.isNaN(loss) || loss > MAX_LOSS_PCT) return "loss " + line.get("loss_pct") + " % > " + MAX_LOSS_PCT + " %";
        double used = Double.parseDouble(line.get("relay_cpu_s")) + Double.parseDouble(line.get("gen_cpu_s"));
        double window = Double.parseDouble(line.get("duration_s"));
        double cores = Runtime.getRuntime().availableProcessors();
        if (used >= SATURATED_SHARE * cores * window) {
            return String.format(java.util.Locale.ROOT, "CPU saturated (relay + generator used %.2f of %.0f cores)",
                    used / window, cores);
        }
        return null;
    }

    /** One run with {@code sessions} sessions: relay up, ramp, warm-up, window, heap, teardown. */
    public SummaryLine once(int sessions, String scenario) throws Exception {
        String loadAtStart = loadAverage().split(" ")[0];
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path work = Files.createTempDirectory("bangban-media-bench");
        Map<String, String> env = Map.of(
                "BANGBAN_RELAY_SECRET", secret,
                "BANGBAN_RELAY_PORT", Integer.toString(freeUdpPort()),
                "BANGBAN_RELAY_TCP_PORT", Integer.toString(freeTcpPort()),
                "BANGBAN_RELAY_CONTROL_PORT", Integer.toString(freeTcpPort()),
                "BANGBAN_RELAY_CONTROL_HOST", "127.0.0.1",
                "BANGBAN_RELAY_BIND", "127.0.0.1",
                "BANGBAN_RELAY_ADVERTISE", "127.0.0.1",
                "BANGBAN_RELAY_THREADS", Integer.toString(o.relayThreads()));
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaLauncher());
        command.addAll(o.relayJavaOptions());
        command.add("-jar");
        command.add(o.relayJar().toAbsolutePath().toString());
        AtomicLong warnings = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstProblems = new CopyOnWriteArrayList<>();
        SummaryLine line = new SummaryLine("media").put("peer", "bangban").put("scenario", scenario)
                .put("sessions", sessions).put("kbps", o.videoKbps()).put("screen", o.screen() ? o.screenKbps() : 0)
                .put("supervisor", o.supervisor() ? 1 : 0);
        try (ChildProcess relay = ChildProcess.start(command, env, List.of("BANGBAN_"), work, "relay| ", RELAY_READY,
                Duration.ofSeconds(60), l -> {
                    boolean warn = l.contains(" WARN ");
                    boolean error = l.contains(" ERROR ") || l.startsWith("Exception") || l.contains("Exception in thread");
                    if (warn) warnings.incrementAndGet();
                    if (error) errors.incrementAndGet();
                    if ((warn || error) && firstProblems.size() < 5) firstProblems.add(l);
                })) {
            long pid = relay.pid();
            String url = "http://127.0.0.1:" + relay.banner().group(3);
            MeasureWindow window = new MeasureWindow();
            List<MediaLoop> loops = new ArrayList<>();
            for (int i = 0; i < o.loops(); i++) loops.add(new MediaLoop("bench-media-loop-" + i, 1_000_000));
            try (HttpRelayClient control = new HttpRelayClient(url, secret);
                 RelaySessions set = new RelaySessions(control, new RelaySessions.Shape(o.videoKbps(), o.screen(),
                         o.screenKbps(), o.screenFps(), o.supervisor()), window, loops, Duration.ofSeconds(30))) {
                long heapEmpty = JvmHeap.usedAfterGc(pid);
                long t0 = System.nanoTime();
                set.open(0, sessions, o.connectThreads());
                System.out.printf("media: %d sessions (%d transports) connected in %.1f s (%s); %d failed; warming up %d s%n",
                        sessions - set.failedSessions(), set.peers().size(), (System.nanoTime() - t0) / 1e9,
                        set.setupTimes(), set.failedSessions(), o.warmupS());
                if (set.failedSessions() == sessions) throw new IllegalStateException("no session could be set up: "
                        + set.problems().get(0));
                Thread.sleep(o.warmupS() * 1000L); // the load runs before the window: warm-up, not a wait
                Sample[] edge = new Sample[2];
                MediaResult r = Measurement.run(loops, set.peers(), window, Duration.ofSeconds(o.durationS()),
                        Duration.ofMillis(o.drainMs()), new Measurement.Edges() {
                            @Override
                            public void opened() {
                                edge[0] = Sample.take(pid, control);
                            }

                            @Override
                            public void closed() {
                                edge[1] = Sample.take(pid, control);
                            }
                        });
                long heapFull = JvmHeap.usedAfterGc(pid);
                if (o.heapHistogram()) {
                    System.out.println("media: the relay's heap with " + sessions + " sessions open, by class:\n"
                            + JvmHeap.histogram(pid, 20));
                }
                double relayCpu = edge[1].relayCpu() - edge[0].relayCpu();
                double genCpu = edge[1].generatorCpu() - edge[0].generatorCpu();
                RelayStats[] stats = {edge[0].stats(), edge[1].stats()};
                long forwarded = stats[1].packetsOut() - stats[0].packetsOut();
                long relayIn = stats[1].packetsIn() - stats[0].packetsIn();
                long relayDrops = sum(stats[1].dropped()) - sum(stats[0].dropped());
                long udpSent = stats[1].udpDatagramsSent() - stats[0].udpDatagramsSent();
                long udpSentGso = stats[1].udpDatagramsSentGso() - stats[0].udpDatagramsSentGso();
                line.put("failed_sessions", set.failedSessions())
                        .put("endpoints", sessions * (o.supervisor() ? 3 : 2)).put("transports", set.peers().size())
                        .put("duration_s", r.seconds())
                        .put("fwd_pkts", forwarded).put("relay_in_pkts", relayIn).put("relay_cpu_s", relayCpu)
                        .put("pps_per_cpu_s", relayCpu > 0 ? forwarded / relayCpu : Double.NaN)
                        .put("relay_cpu_pct", 100 * relayCpu / r.seconds());
                r.addTo(line);
                line.put("heap_per_session_kb", (heapFull - heapEmpty) / 1024.0 / Math.max(1, sessions - set.failedSessions()))
                        .put("heap_mb", heapFull / 1048576.0)
                        .put("gen_cpu_s", genCpu).put("gen_cpu_pct", 100 * genCpu / r.seconds())
                        .put("relay_drops", relayDrops)
                        .put("udp_gso_pct", udpSent > 0 ? 100.0 * udpSentGso / udpSent : 0.0)
                        .put("udp_rcvbuf_errors", edge[1].udpErrors() - edge[0].udpErrors())
                        .put("relay_warn", warnings.get()).put("relay_error", errors.get())
                        .put("renegotiations", set.renegotiations()).put("load1_start", loadAtStart);
                System.out.printf("media: %s: %d sessions, window %.1f s: relay forwarded %d packets (%.0f/s) on %.2f CPU-s"
                                + " = %.0f packets per CPU-second; generator sent %d, expected %d at receivers, received %d,"
                                + " lost %d (%.4f %%); latency p50 %.3f p99 %.3f max %.3f ms; relay drops %s%n",
                        scenario, sessions, r.seconds(), forwarded, forwarded / r.seconds(), relayCpu,
                        forwarded / relayCpu, r.sentInWindow(), r.expected(), r.received(), r.lost(), r.lossPercent(),
                        r.latency().percentile(0.5) / 1e6, r.latency().percentile(0.99) / 1e6, r.latency().max() / 1e6,
                        delta(stats[0].dropped(), stats[1].dropped()));
                if (!set.problems().isEmpty()) System.out.println("media: problems: " + set.problems().subList(0,
                        Math.min(5, set.problems().size())));
                if (!firstProblems.isEmpty()) System.out.println("media: relay WARN/ERROR lines, first: " + firstProblems);
            } finally {
                for (MediaLoop loop : loops) loop.close();
            }
            int exit = relay.stop();
            if (exit != 0 && exit != 143) System.out.println("media: the relay exited with status " + exit);
        }
        return line;
    }

    /** What is sampled at each edge of the window. */
    private record Sample(double relayCpu, double generatorCpu, RelayStats stats, long udpErrors) {
        static Sample take(long relayPid, HttpRelayClient control) {
            return new Sample(ProcCpu.seconds(relayPid), ProcCpu.self(), control.stats(), UdpErrors.receiveBufferErrors());
        }
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long x = v - before.getOrDefault(k, 0L);
            if (x != 0) d.put(k, x);
        });
        return d;
    }

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A UDP port on 127.0.0.1 free when asked (the kernel picks it). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A TCP port on 127.0.0.1 free when asked. */
    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
