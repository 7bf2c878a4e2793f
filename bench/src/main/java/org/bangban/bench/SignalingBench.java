package org.bangban.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.bangban.config.Config;
import org.bangban.bench.media.JvmHeap;
import org.bangban.identity.NewStaff;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.Role;
import org.bangban.identity.StaffAccounts;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.ServiceItem;
import org.bangban.server.Bangban;
import org.bangban.server.DemoData;
import org.bangban.store.RecordStore;
import org.bangban.store.RequestOutcomes;
import org.bangban.store.ServiceItems;

/**
 * The signaling benchmark: an embedded node in this process, {@code helpers} helper consoles logged in and
 * available, and applicants arriving open-loop at {@code rate} per second, each on its own WebSocket.
 * Measures request.create → offer at a helper (correlated by request id, whichever of the create reply and
 * the offer is read second resolves it), offer.accept → session.started at the applicant, the create reply
 * and the connect + guest auth. Everything is loopback; the run is bounded by a watchdog.
 */
final class SignalingBench {
    /**
     * @param serverJar         null: an embedded node in this process; else the server jar to run as its own JVM
     * @param serverJavaOptions JVM options of that process (e.g. -XX:StartFlightRecording=...)
     */
    record Options(int rate, int helpers, int durationS, int warmupS, boolean ramp, String redisUrl, int thinkMs,
                   int talkMinMs, int talkMaxMs, long seed, Path serverJar, List<String> serverJavaOptions,
                   int waiting, int burst) {
        boolean separateProcess() {
            return serverJar != null;
        }
    }

    private static final String PASSWORD = "bench-helper-password";
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LOGIN_TIMEOUT_S = 120;
    private static final long PING_EVERY_MS = 20_000;
    private static final String SERVER_HISTOGRAM = "bangban_pairing_request_to_offer_seconds";
    private static final String DISPATCH_HISTOGRAM = "bangban_pairing_dispatch_seconds";
    /** The request → offer p99 targets: in-memory live state, Redis. */
    private static final double TARGET_P99_MS = 20;
    private static final double TARGET_P99_REDIS_MS = 50;
    /** Specialists speaking the waiting applicants' language, logged in but away, when there are waiting ones. */
    private static final int SPECIALISTS = 5;
    private static final String ACCEPTS = "bangban_offers_accepted_total";

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledThreadPoolExecutor timers;
    private URI wsUri;
    private URI metricsUri;
    private LogCounter logs;
    /** The server's own process, or null when the node is embedded here. */
    private ServerProcess server;
    private String redisPrefix;
    private Path dataDir;

    // request id -> what is known so far of that request; see Track
    private final ConcurrentHashMap<String, Track> tracks = new ConcurrentHashMap<>();
    private final Latencies reqToOffer = new Latencies("request.create -> offer at a helper");
    /** request.create -> offer by the 10 s slice of the measured window the request was sent in. */
    private final Map<Integer, Latencies> reqToOfferBySlice = new ConcurrentHashMap<>();
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private volatile long measuredFromNanos;
    private final Latencies acceptToSession = new Latencies("offer.accept -> session.started at applicant");
    private final Latencies createReply = new Latencies("request.create -> its ok reply");
    private final Latencies connectAuth = new Latencies("connect + auth.guest -> ok");

    // measured applicants only
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong paired = new AtomicLong();
    private final AtomicInteger unresolved = new AtomicInteger();
    // whole run
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong peerFailures = new AtomicLong();
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final AtomicLong reoffers = new AtomicLong();
    private final AtomicLong offerBeforeReply = new AtomicLong();
    private final AtomicLong startedBeforeReply = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();
    private final AtomicLong autoAway = new AtomicLong();
    private final AtomicLong queueUpdates = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong maxWaitedMs = new AtomicLong();
    private final AtomicLong offersWaited1s = new AtomicLong();
    private final AtomicLong maxQueueLength = new AtomicLong();
    private final AtomicLong maxArrivalLagNanos = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger busyPeak = new AtomicInteger();
    private final AtomicLong heapPeak = new AtomicLong();
    private volatile boolean sampling;

    private final List<Helper> helpers = new ArrayList<>();
    private final Set<Applicant> liveApplicants = ConcurrentHashMap.newKeySet();
    /** Applicants queued for the whole run (--waiting), or null. */
    private WaitingApplicants waiting;
    /** Every offer a helper read and every session.started an applicant read, with the time of the last one. */
    private final AtomicLong offersSeen = new AtomicLong();
    private final AtomicLong lastOfferNanos = new AtomicLong();
    private final AtomicLong sessionsSeen = new AtomicLong();
    private final AtomicLong lastSessionNanos = new AtomicLong();

    SignalingBench(Options o) {
        this.o = o;
        this.timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "bench-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** What is known of one request: filled from the applicant (send time) and from the helper (offer, accept). */
    private static final class Track {
        long sendNanos;
        boolean measured;
        long offerNanos;
        boolean offerRecorded;
        long acceptNanos;
        boolean sessionStarted;
    }

    // ------------------------------------------------------------------ run

    int run() throws Exception {
        long boundS = LOGIN_TIMEOUT_S + o.warmupS() + o.durationS() + TimeUnit.NANOSECONDS.toSeconds(DRAIN_NANOS) + 120
                + (o.waiting() > 0 ? 2 * waitingTimeoutS() + 60 : 0) + (o.burst() > 0 ? 2 * BURST_TIMEOUT_S : 0);
        startWatchdog(boundS);
        logs = o.separateProcess() ? LogCounter.forLines() : LogCounter.install();
        String store = o.redisUrl() == null ? "memory" : "redis";
        Path dataDir = Files.createTempDirectory("bangban-bench-");
        String prefix = "bangban-bench-" + HexFormat.of().formatHex(randomBytes(4));
        redisPrefix = prefix;
        this.dataDir = dataDir;
        Bangban node = null;
        try {
            say("seeding %d helper accounts in %s", o.helpers(), dataDir.resolve("bangban.db"));
            seed(dataDir.resolve("bangban.db"));
            int port;
            if (o.separateProcess()) {
                say("starting the server as its own process: java %s-jar %s", String.join(" ", o.serverJavaOptions())
                        + (o.serverJavaOptions().isEmpty() ? "" : " "), o.serverJar());
                Files.createDirectories(dataDir.resolve("work"));
                server = ServerProcess.start(o.serverJar(), o.serverJavaOptions(), config(dataDir, prefix),
                        dataDir.resolve("work"), logs);
                port = server.port();
            } else {
                node = Bangban.start(Config.of(config(dataDir, prefix)));
                port = node.port();
            }
            wsUri = URI.create("ws://127.0.0.1:" + port + "/ws");
            metricsUri = URI.create("http://127.0.0.1:" + port + "/metrics");
            say("node up on 127.0.0.1:%d, live state %s%s; logging in %d helpers", port, store,
                    o.redisUrl() == null ? "" : " (" + o.redisUrl() + ", prefix " + prefix + ")", o.helpers());
            if (!loginHelpers()) return 1;
            double heapWaitingMb = Double.NaN;
            if (o.waiting() > 0) {
                if (!connectWaiting()) return 1;
                heapWaitingMb = heapAfterGcBytes() / (1024.0 * 1024);
                say("server heap in use after a forced GC, %d applicants waiting: %.0f MB", o.waiting(), heapWaitingMb);
            }
            Window w = load();
            WaitingApplicants.Check check = null;
            if (waiting != null) {
                check = waiting.check(waitingTimeoutS());
                say("waiting applicants at the end: %d connected (last ping answered), %d still queued (cancel "
                        + "confirmed), %d had a position and ETA; queue.update pushes %d; problems: %s", check.connected(),
                        check.queued(), check.withPosition(), check.queueUpdates(), check.problems());
            }
            Burst burst = o.burst() > 0 ? burst() : null;
            report(store, w, heapWaitingMb, check, burst);
            return 0;
        } finally {
            sampling = false;
            for (Applicant a : liveApplicants) a.abort();
            for (Helper h : helpers) h.abort();
            if (waiting != null) waiting.abortAll();
            if (node != null || server != null) {
                long t0 = System.nanoTime();
                long logged = logs.warnings.get() + logs.errors.get();
                String exit = "";
                if (node != null) node.close();
                else exit = ", exit status " + server.stop() + " after SIGTERM";
                long more = logs.warnings.get() + logs.errors.get() - logged;
                say("node stopped in %.1f s%s%s", (System.nanoTime() - t0) / 1e9, exit,
                        more == 0 ? "" : "; the server logged " + more + " more WARN/ERROR line(s) while stopping (above)");
            }
            if (o.redisUrl() != null) cleanRedis(o.redisUrl(), prefix);
            timers.shutdownNow();
            deleteTree(dataDir);
        }
    }

    private Map<String, String> config(Path dataDir, String prefix) {
        Map<String, String> m = new HashMap<>();
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("data.dir", dataDir.toString());
        if (o.separateProcess()) {
            // a process of its own: demo off (the accounts and items seeded here suffice), its relay on free ports
            m.put("demo", "false");
            m.put("relay.port", "0");
            m.put("relay.tcp.port", "0");
            m.put("relay.bind", "127.0.0.1");
        }
        if (o.waiting() > 0) {
            // the waiting applicants fill the queue; the measured flow must still get in (the default cap is 10,000)
            m.put("queue.max.length", Integer.toString(o.waiting() + 10_000));
        }
        if (o.redisUrl() == null) {
            if (!o.separateProcess()) m.put("demo", "true");
        } else {
            // production profile: no demo data (the accounts and items seeded above suffice), SQLite records
            m.put("demo", "false");
            m.put("redis.url", o.redisUrl());
            m.put("redis.prefix", prefix);
            m.put("db.url", "jdbc:sqlite:" + dataDir.resolve("bangban.db").toAbsolutePath());
            m.put("token.secret", HexFormat.of().formatHex(randomBytes(24)));
        }
        return m;
    }

    private void seed(Path db) {
        LogCounter.level("org.bangban.identity.StaffAccounts", Level.WARN);
        try (RecordStore store = RecordStore.sqliteFile(db)) {
            StaffAccounts accounts = new StaffAccounts(store, new PasswordHasher(4));
            DemoData.seed(accounts, new ServiceItems(store));
            List<String> categories = DemoData.ITEMS.stream().map(ServiceItem::category).distinct().toList();
            Random rnd = new Random(o.seed());
            for (int i = 1; i <= o.helpers(); i++) {
                Map<String, Integer> skills = new LinkedHashMap<>();
                for (String c : categories) skills.put(HelperProfile.categorySkill(c), 1 + rnd.nextInt(5));
                accounts.create(new NewStaff(username(i), "帮办员 " + i, Role.HELPER, PASSWORD.toCharArray(),
                        "政务服务中心", skills, Set.of("zh"), Set.of("general"), 1));
            }
            if (o.waiting() > 0) {
                Map<String, Integer> skills = new LinkedHashMap<>();
                for (String c : categories) skills.put(HelperProfile.categorySkill(c), 5);
                for (int i = 1; i <= SPECIALISTS; i++) {
                    accounts.create(new NewStaff(specialist(i), "外语帮办员 " + i, Role.HELPER, PASSWORD.toCharArray(),
                            "政务服务中心", skills, Set.of(WaitingApplicants.LANGUAGE), Set.of("general"), 1));
                }
            }
        } finally {
            LogCounter.level("org.bangban.identity.StaffAccounts", null);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String username(int i) {
        return String.format(Locale.ROOT, "bench-helper-%04d", i);
    }

    private static String specialist(int i) {
        return String.format(Locale.ROOT, "bench-specialist-%02d", i);
    }

    private boolean loginHelpers() throws InterruptedException {
        int specialists = o.waiting() > 0 ? SPECIALISTS : 0;
        int logins = o.helpers() + specialists;
        CountDownLatch done = new CountDownLatch(logins);
        Semaphore inFlight = new Semaphore(50);
        AtomicInteger failures = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 1; i <= logins; i++) {
            if (!inFlight.tryAcquire(LOGIN_TIMEOUT_S, TimeUnit.SECONDS)) break;
            // the specialists of the waiting applicants' language are logged in, on a break
            boolean isSpecialist = i > o.helpers();
            Helper h = new Helper(isSpecialist ? specialist(i - o.helpers()) : username(i), isSpecialist ? "away" : "available", ok -> {
                if (!ok) failures.incrementAndGet();
                inFlight.release();
                done.countDown();
            });
            helpers.add(h);
            h.connect(http, wsUri);
        }
        boolean all = done.await(LOGIN_TIMEOUT_S, TimeUnit.SECONDS);
        if (!all || failures.get() > 0) {
            System.err.printf(Locale.ROOT, "bench: only %d of %d helpers logged in and available (%d failed)%s%n",
                    logins - done.getCount() - failures.get(), logins, failures.get(), errorsText());
            return false;
        }
        say("%d helpers available after %.1f s%s", o.helpers(), (System.nanoTime() - t0) / 1e9, specialists == 0 ? ""
                : String.format(Locale.ROOT, "; %d specialists speaking %s logged in and away", specialists, WaitingApplicants.LANGUAGE));
        for (Helper h : helpers) {
            long first = ThreadLocalRandom.current().nextLong(PING_EVERY_MS);
            timers.scheduleAtFixedRate(() -> h.send(WsPeer.message("ping", "k")), first, PING_EVERY_MS, TimeUnit.MILLISECONDS);
        }
        // applicants live a few seconds; one left waiting long is kept alive too
        timers.scheduleAtFixedRate(() -> {
            long old = System.nanoTime() - TimeUnit.SECONDS.toNanos(15);
            for (Applicant a : liveApplicants) if (a.bornNanos < old) a.send(WsPeer.message("ping", "k"));
        }, PING_EVERY_MS, PING_EVERY_MS, TimeUnit.MILLISECONDS);
        return true;
    }

    // ------------------------------------------------------------------ waiting applicants and the heap

    /** Time allowed to connect (or check) the waiting applicants: 50 per second at worst, at least 2 minutes. */
    private long waitingTimeoutS() {
        return Math.max(120, o.waiting() / 50);
    }

    /** Connects the --waiting applicants and checks that each request is queued; false when not all are. */
    private boolean connectWaiting() throws InterruptedException {
        int ports = WaitingApplicants.ephemeralPorts();
        long connections = (long) o.waiting() + o.helpers() + SPECIALISTS + 60L * o.rate(); // + 60 s of closed ones
        say("connecting %d waiting applicants (language %s, nobody available speaks it); %d connections to one "
                + "address and port at most against %s ephemeral ports", o.waiting(), WaitingApplicants.LANGUAGE,
                connections, ports < 0 ? "an unknown number of" : Integer.toString(ports));
        if (ports > 0 && connections > ports) {
            say("warning: that is more than the ephemeral port range (net.ipv4.ip_local_port_range): connects may fail");
        }
        List<ServiceItem> items = DemoData.ITEMS;
        waiting = new WaitingApplicants(o.waiting(), items, o.seed());
        long t0 = System.nanoTime();
        int queuedNow = waiting.connect(wsUri, timers, waitingTimeoutS());
        say("%d of %d waiting applicants connected and queued after %.1f s (this process holds %d file descriptors)",
                queuedNow, o.waiting(), (System.nanoTime() - t0) / 1e9, WaitingApplicants.openFds());
        if (queuedNow < o.waiting()) {
            System.err.printf(Locale.ROOT, "bench: only %d of %d waiting applicants got their request queued: %s%n",
                    queuedNow, o.waiting(), waiting.check(0).problems());
            return false;
        }
        return true;
    }

    /**
     * The server's heap in use just after a full collection: a server process is made to collect with
     * {@code jcmd <pid> GC.run} and its /metrics read; embedded, this JVM collects (bench clients included).
     * Negative when unknown.
     */
    private long heapAfterGcBytes() throws InterruptedException {
        if (!o.separateProcess()) {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        try {
            JvmHeap.collect(server.pid());
        } catch (IOException e) {
            System.err.println("bench: could not make the server collect its garbage: " + e.getMessage());
            return -1;
        }
        double used = scrape().join().sumWhere("jvm_memory_used_bytes", "area=\"heap\"");
        return used <= 0 ? -1 : (long) used;
    }

    /** The server's heap limit (-Xmx) from its /metrics, in MB; NaN when unknown. */
    private double heapMaxMb() {
        if (!o.separateProcess()) return Runtime.getRuntime().maxMemory() / (1024.0 * 1024);
        double max = scrape().join().sumWhere("jvm_memory_max_bytes", "area=\"heap\"");
        return max <= 0 ? Double.NaN : max / (1024.0 * 1024);
    }

    // ------------------------------------------------------------------ burst

    private static final long BURST_TIMEOUT_S = 120;

    /** The burst: n requests at once against free helpers; the times to the last offer and the last session. */
    private record Burst(int n, int offered, int started, double offerS, double sessionS) {
        double offersPerS() {
            return offered / offerS;
        }

        double pairsPerS() {
            return started / sessionS;
        }
    }

    /**
     * After the steady load: waits for every helper to be free, connects {@code --burst} applicants (connect and
     * auth.guest, no request yet), then sends all their request.create at once and times the last offer a helper
     * reads and the last session.started an applicant reads. Nothing else runs meanwhile (the waiting applicants
     * only ping), so every offer and session counted is the burst's.
     */
    private Burst burst() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BURST_TIMEOUT_S);
        while ((busy.get() > 0 || !liveApplicants.isEmpty()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        say("burst: %d helpers busy, %d applicants open; connecting %d applicants", busy.get(), liveApplicants.size(), o.burst());
        CountDownLatch authed = new CountDownLatch(o.burst());
        Random rnd = new Random(o.seed() + 3);
        List<Applicant> held = new ArrayList<>();
        for (int i = 0; i < o.burst(); i++) {
            Applicant a = new Applicant(false, DemoData.ITEMS.get(rnd.nextInt(DemoData.ITEMS.size())).id(), authed);
            held.add(a);
            a.start();
        }
        if (!authed.await(BURST_TIMEOUT_S, TimeUnit.SECONDS)) {
            say("burst: only %d of %d applicants connected in %d s; no burst", o.burst() - authed.getCount(), o.burst(), BURST_TIMEOUT_S);
            return null;
        }
        long offers0 = offersSeen.get();
        long sessions0 = sessionsSeen.get();
        long t0 = System.nanoTime();
        for (Applicant a : held) a.create();
        deadline = t0 + TimeUnit.SECONDS.toNanos(BURST_TIMEOUT_S);
        while (sessionsSeen.get() - sessions0 < o.burst() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        int offered = (int) (offersSeen.get() - offers0);
        int started = (int) (sessionsSeen.get() - sessions0);
        Burst b = new Burst(o.burst(), offered, started, (lastOfferNanos.get() - t0) / 1e9, (lastSessionNanos.get() - t0) / 1e9);
        say("burst: %d requests at once: %d offered in %.3f s (%.0f offers/s), %d sessions started in %.3f s (%.0f/s, "
                + "helpers think 0-%d ms)", b.n(), offered, b.offerS(), b.offersPerS(), started, b.sessionS(), b.pairsPerS(), o.thinkMs());
        return b;
    }

    // ------------------------------------------------------------------ load

    private record Window(Snapshot before, Snapshot after, long drainNanos, long heapLiveBytes,
                          Counts counts, List<Latencies.Summary> latencies) {
    }

    /** The measured counters, read once when the drain ends (late messages may still move the live ones). */
    private record Counts(long shed, long started, long requests, long queued, long offered, long paired, long unresolved) {
    }

    private Window load() throws InterruptedException {
        long measured = (long) o.durationS() * o.rate();
        Random rnd = new Random(o.seed() + 1);
        // embedded: both ends of every loopback connection are in this process, two descriptors each
        long fds = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : 20_000;
        int fdsPerConnection = o.separateProcess() ? 1 : 2;
        long held = (long) o.helpers() + o.waiting();
        long maxOpenApplicants = Math.max(100, Math.min(20_000, (fds - fdsPerConnection * held - 2000) / fdsPerConnection));
        say("load: %d applicants/s open loop; %d s warm-up (%s), then %d s measured", o.rate(), o.warmupS(),
                o.ramp() ? "rate ramped up from 5%" : "at full rate", o.durationS());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Snapshot before = null;
        long nextProgress = TimeUnit.SECONDS.toNanos(10);
        double warmupEnd = o.warmupS();
        double t = 0; // seconds from start of the next arrival
        long k = 0;   // measured arrivals so far
        while (k < measured) {
            boolean isMeasured = t >= warmupEnd;
            long due = start + (long) (t * 1e9);
            parkUntil(due);
            long lag = System.nanoTime() - due;
            if (isMeasured && lag > maxArrivalLagNanos.get()) maxArrivalLagNanos.set(lag);
            if (isMeasured && before == null) {
                measuredFromNanos = due;
                before = snapshot();
                startHeapSampling();
            }
            ServiceItem item = DemoData.ITEMS.get(rnd.nextInt(DemoData.ITEMS.size()));
            if (liveApplicants.size() >= maxOpenApplicants) {
                // the server has fallen so far behind that more sockets would run out of file descriptors
                if (isMeasured) shed.incrementAndGet();
            } else {
                new Applicant(isMeasured, item.id()).start();
            }
            if (due - start >= nextProgress) {
                progress((due - start) / 1_000_000_000L, isMeasured);
                nextProgress += TimeUnit.SECONDS.toNanos(10);
            }
            if (isMeasured) {
                k++;
                t = warmupEnd + (double) k / o.rate();
            } else {
                double r = o.ramp() ? o.rate() * Math.max(0.05, t / warmupEnd) : o.rate();
                t = Math.min(t + 1 / r, warmupEnd);
            }
        }
        long end = start + (long) (t * 1e9);
        parkUntil(end);
        Snapshot after = snapshot();
        sampling = false;
        long drainStart = System.nanoTime();
        while (unresolved.get() > 0 && System.nanoTime() - drainStart < DRAIN_NANOS) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        long drain = System.nanoTime() - drainStart;
        if (unresolved.get() > 0) tellUnresolved();
        Counts counts = new Counts(shed.get(), started.get(), requests.get(), queued.get(), offered.get(), paired.get(),
                unresolved.get());
        List<Latencies.Summary> latencies = List.of(reqToOffer.summary(), acceptToSession.summary(),
                createReply.summary(), connectAuth.summary());
        // with the waiting applicants still connected and queued
        long live = heapAfterGcBytes();
        return new Window(before, after, drain, live, counts, latencies);
    }

    /** Names the measured requests still open after the drain, and where they stand in the live state. */
    private void tellUnresolved() {
        try (RecordStore records = RecordStore.sqliteFile(dataDir.resolve("bangban.db"))) {
            RequestOutcomes outcomes = new RequestOutcomes(records);
            for (Applicant a : liveApplicants) {
                if (!a.measured || a.resolved.get()) continue;
                Track t = a.requestId == null ? null : tracks.get(a.requestId);
                say("unresolved: applicant %s, request %s, track %s, offer seen %s, accept sent %s, recorded %s%s",
                        a.principalId, a.requestId, t != null, t != null && t.offerNanos != 0, t != null && t.acceptNanos != 0,
                        a.requestId == null ? "-" : outcomes.findById(a.requestId).map(Object::toString).orElse("nothing"),
                        o.redisUrl() == null || a.requestId == null ? "" : ", in Redis: " + redisState(a.requestId, a.principalId));
            }
        } catch (RuntimeException e) {
            say("unresolved requests: cannot tell more (%s)", e);
        }
    }

    private String redisState(String requestId, String applicantId) {
        RedisClient client = RedisClient.create(o.redisUrl());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            return "queue score " + redis.zscore(redisPrefix + ":queue", requestId) + ", offer "
                    + redis.hget(redisPrefix + ":offers", requestId) + ", request " + redis.hget(redisPrefix + ":requests", requestId)
                    + ", applicant's sessions " + redis.smembers(redisPrefix + ":principal-sessions:" + applicantId);
        } catch (RuntimeException e) {
            return "not readable (" + e + ")";
        } finally {
            client.shutdown();
        }
    }

    private void progress(long second, boolean measuring) {
        say("%s t=%ds: %d live connections, helpers busy %d, measured: %d requests, %d offered, %d paired",
                measuring ? "measuring" : "warm-up", second, liveApplicants.size() + helpers.size(), busy.get(),
                requests.get(), offered.get(), paired.get());
    }

    private static void parkUntil(long due) {
        long left;
        while ((left = due - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    /** The server's heap in use, sampled: from this JVM (embedded), or from the process's /metrics once a second. */
    private void startHeapSampling() {
        sampling = true;
        timers.scheduleAtFixedRate(() -> {
            if (!sampling) throw new IllegalStateException("done"); // ends the periodic task
            long used = o.separateProcess() ? (long) scrape().join().sumWhere("jvm_memory_used_bytes", "area=\"heap\"")
                    : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heapPeak.accumulateAndGet(used, Math::max);
        }, 0, o.separateProcess() ? 1000 : 250, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Scrape> scrape() {
        return http.sendAsync(HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Scrape(r.body()))
                .exceptionally(e -> Scrape.EMPTY);
    }

    // ------------------------------------------------------------------ correlation

    /** The create reply was read: resolve if the offer is already known. */
    private void requestKnown(String requestId, long sendNanos, boolean measured) {
        tracks.compute(requestId, (k, t) -> {
            if (t == null) t = new Track();
            t.sendNanos = sendNanos;
            t.measured = measured;
            if (t.offerNanos != 0 && !t.offerRecorded) recordOffer(t);
            return t.sessionStarted ? null : t;
        });
    }

    /** An offer reached a helper: resolve if the create reply is already known. */
    private void offerArrived(String requestId, long nanos) {
        tracks.compute(requestId, (k, t) -> {
            if (t == null) t = new Track();
            if (t.offerNanos != 0) {
                reoffers.incrementAndGet();
                return t;
            }
            t.offerNanos = nanos;
            if (t.sendNanos != 0) recordOffer(t);
            else offerBeforeReply.incrementAndGet();
            return t;
        });
    }

    private void recordOffer(Track t) {
        t.offerRecorded = true;
        if (t.measured) {
            reqToOffer.record(t.offerNanos - t.sendNanos);
            int slice = (int) Math.max(0, (t.sendNanos - measuredFromNanos) / SLICE_NANOS);
            reqToOfferBySlice.computeIfAbsent(slice, k -> new Latencies("slice " + k)).record(t.offerNanos - t.sendNanos);
            offered.incrementAndGet();
        }
    }

    private static void count(Map<String, AtomicLong> m, String key) {
        m.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    // ------------------------------------------------------------------ clients

    /** One applicant: connect, auth.guest, request.create, wait for the session, close when it ends. */
    private final class Applicant extends WsPeer {
        final boolean measured;
        final String item;
        /** Burst: counted down once authenticated; the request waits for {@link #create()}. Null otherwise. */
        final CountDownLatch hold;
        final AtomicBoolean resolved = new AtomicBoolean();
        volatile long bornNanos;
        volatile long sendNanos;
        volatile boolean open;
        volatile String principalId;
        volatile String requestId;

        Applicant(boolean measured, String item) {
            this(measured, item, null);
        }

        Applicant(boolean measured, String item, CountDownLatch hold) {
            this.measured = measured;
            this.item = item;
            this.hold = hold;
        }

        /** Sends the request.create. */
        void create() {
            sendNanos = System.nanoTime();
            send(message("request.create", "r", "item", item, "kind", "assist", "language", "zh"));
        }

        void start() {
            if (measured) {
                started.incrementAndGet();
                unresolved.incrementAndGet();
            }
            bornNanos = System.nanoTime();
            liveApplicants.add(this);
            connect(http, wsUri);
        }

        @Override
        void opened() {
            open = true;
            send(message("auth.guest", "g"));
        }

        @Override
        void received(JsonNode n, String text, long now) {
            String type = n.path("type").asText();
            switch (type) {
                case "ok" -> {
                    String id = n.path("id").asText();
                    JsonNode d = n.path("data");
                    if ("g".equals(id)) {
                        principalId = d.path("principalId").asText();
                        if (measured) {
                            connectAuth.record(now - bornNanos);
                            requests.incrementAndGet();
                        }
                        if (hold == null) create();
                        else hold.countDown();
                    } else if ("r".equals(id)) {
                        if (measured) createReply.record(now - sendNanos);
                        requestId = d.path("requestId").asText();
                        if (d.path("accepted").asBoolean()) {
                            if (measured) queued.incrementAndGet();
                            maxQueueLength.accumulateAndGet(d.path("queueLength").asLong(), Math::max);
                            requestKnown(d.path("requestId").asText(), sendNanos, measured);
                        } else {
                            count(refusals, d.path("reason").asText("?"));
                            resolve();
                            finish();
                        }
                    }
                }
                case "error" -> {
                    String id = n.path("id").asText();
                    count(errors, "applicant " + id + " " + n.path("code").asText());
                    if ("g".equals(id) || "r".equals(id)) {
                        resolve();
                        finish();
                    }
                }
                case "queue.update" -> queueUpdates.incrementAndGet();
                case "session.started" -> {
                    sessionsSeen.incrementAndGet();
                    lastSessionNanos.accumulateAndGet(now, Math::max);
                    tracks.compute(n.path("requestId").asText(), (k, t) -> {
                        if (t == null) return null;
                        if (t.acceptNanos != 0 && measured) acceptToSession.record(now - t.acceptNanos);
                        if (t.sendNanos == 0) { // the ok of request.create has not been read yet: it finishes the track
                            startedBeforeReply.incrementAndGet();
                            t.sessionStarted = true;
                            return t;
                        }
                        return null; // done with this request
                    });
                    if (measured) paired.incrementAndGet();
                    resolve();
                }
                case "session.ended", "request.ended" -> {
                    resolve();
                    finish();
                }
                default -> { } // server.draining and anything newer
            }
        }

        private void resolve() {
            if (resolved.compareAndSet(false, true) && measured) unresolved.decrementAndGet();
        }

        private void finish() {
            liveApplicants.remove(this);
            close();
        }

        @Override
        void failed(Throwable error) {
            if (!open) connectFailures.incrementAndGet();
            else peerFailures.incrementAndGet();
            count(errors, "applicant " + rootCause(error));
            resolve();
            liveApplicants.remove(this);
        }

        @Override
        void closedBy(int statusCode, String reason) {
            if (!resolved.get()) {
                unexpectedCloses.incrementAndGet();
                count(errors, "applicant closed by server " + statusCode + " " + reason);
            }
            resolve();
            liveApplicants.remove(this);
        }
    }

    /**
     * One helper console: auth.login, presence.set available; on an offer waits a think time and accepts,
     * ends the session after a talk time, then ends wrap-up at once.
     */
    private final class Helper extends WsPeer {
        final String username;
        /** The presence it sets once logged in: available, or away (the waiting applicants' specialists). */
        final String status;
        final java.util.function.Consumer<Boolean> ready;
        final AtomicBoolean readyTold = new AtomicBoolean();
        private boolean isBusy; // guarded by this

        Helper(String username, String status, java.util.function.Consumer<Boolean> ready) {
            this.username = username;
            this.status = status;
            this.ready = ready;
        }

        @Override
        void opened() {
            send(message("auth.login", "l", "username", username, "password", PASSWORD));
        }

        @Override
        void received(JsonNode n, String text, long now) {
            String type = n.path("type").asText();
            switch (type) {
                case "offer" -> {
                    String requestId = n.path("requestId").asText();
                    offersSeen.incrementAndGet();
                    lastOfferNanos.accumulateAndGet(now, Math::max);
                    offerArrived(requestId, now);
                    long waited = n.path("waitedMs").asLong();
                    maxWaitedMs.accumulateAndGet(waited, Math::max);
                    if (waited >= 1000) offersWaited1s.incrementAndGet();
                    busy(true);
                    long think = o.thinkMs() == 0 ? 0 : ThreadLocalRandom.current().nextLong(o.thinkMs() + 1);
                    timers.schedule(() -> accept(requestId), think, TimeUnit.MILLISECONDS);
                }
                case "ok" -> {
                    String id = n.path("id").asText();
                    switch (id) {
                        case "l" -> send(message("presence.set", "p", "status", status));
                        case "p" -> tellReady(true);
                        case "a" -> {
                            String sessionId = n.path("data").path("sessionId").asText();
                            long talk = o.talkMinMs() + (o.talkMaxMs() == o.talkMinMs() ? 0
                                    : ThreadLocalRandom.current().nextLong(o.talkMaxMs() - o.talkMinMs() + 1));
                            timers.schedule(() -> {
                                send(message("session.end", "e", "sessionId", sessionId));
                                send(message("wrapup.end", "w"));
                            }, talk, TimeUnit.MILLISECONDS);
                        }
                        case "w" -> {
                            cycles.incrementAndGet();
                            busy(false);
                        }
                        default -> { }
                    }
                }
                case "error" -> {
                    String id = n.path("id").asText();
                    count(errors, "helper " + id + " " + n.path("code").asText());
                    if ("l".equals(id) || "p".equals(id)) tellReady(false);
                    if ("a".equals(id) || "w".equals(id)) busy(false);
                }
                case "offer.withdrawn" -> {
                    withdrawn.incrementAndGet();
                    count(errors, "helper offer.withdrawn " + n.path("reason").asText());
                    busy(false);
                }
                case "presence" -> {
                    if ("away".equals(n.path("status").asText())) autoAway.incrementAndGet();
                }
                default -> { } // session.started, session.ended, server.draining
            }
        }

        private void accept(String requestId) {
            tracks.computeIfPresent(requestId, (k, t) -> {
                t.acceptNanos = System.nanoTime();
                return t;
            });
            send(message("offer.accept", "a", "requestId", requestId));
        }

        private synchronized void busy(boolean b) {
            if (b == isBusy) return;
            isBusy = b;
            if (b) busyPeak.accumulateAndGet(busy.incrementAndGet(), Math::max);
            else busy.decrementAndGet();
        }

        private void tellReady(boolean ok) {
            if (readyTold.compareAndSet(false, true)) ready.accept(ok);
        }

        @Override
        void failed(Throwable error) {
            peerFailures.incrementAndGet();
            count(errors, "helper " + rootCause(error));
            tellReady(false);
        }

        @Override
        void closedBy(int statusCode, String reason) {
            unexpectedCloses.incrementAndGet();
            count(errors, "helper closed by server " + statusCode + " " + reason);
            tellReady(false);
        }
    }

    /** The request -> offer p99 of each 10 s slice of the measured window, in order: "4.10/3.20/...". */
    private String p99BySlice() {
        StringBuilder b = new StringBuilder();
        for (int slice : new java.util.TreeSet<>(reqToOfferBySlice.keySet())) {
            if (b.length() > 0) b.append('/');
            b.append(fmt(reqToOfferBySlice.get(slice).summary().ms(0.99)));
        }
        return b.length() == 0 ? "NaN" : b.toString();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    // ------------------------------------------------------------------ measuring the process

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Snapshot(long nanos, long processCpuNanos, Map<Long, ThreadCpu> threads, long gcCount, long gcMillis,
                            CompletableFuture<Scrape> metrics) {
    }

    /** A thread's CPU time; {@code server} when it is a thread of the server's own process. */
    private record ThreadCpu(String name, long cpuNanos, boolean server) {
    }

    private Snapshot snapshot() {
        long now = System.nanoTime();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        Map<Long, ThreadCpu> threads = procThreads("self", false);
        if (threads.isEmpty()) { // not Linux: Java threads only (no JIT or GC threads)
            for (ThreadInfo ti : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (ti == null) continue;
                long c = THREADS.getThreadCpuTime(ti.getThreadId());
                if (c >= 0) threads.put(ti.getThreadId(), new ThreadCpu(ti.getThreadName(), c, false));
            }
        }
        CompletableFuture<Scrape> metrics = scrape();
        long gcCount = 0;
        long gcMillis = 0;
        if (o.separateProcess()) {
            // the server's CPU from /proc (0 off Linux); its collections from its /metrics
            Map<Long, ThreadCpu> serverThreads = procThreads(Long.toString(server.pid()), true);
            threads.putAll(serverThreads);
            for (ThreadCpu t : serverThreads.values()) cpu += t.cpuNanos();
            Scrape m = metrics.join();
            gcCount = (long) m.sum("jvm_gc_pause_seconds_count");
            gcMillis = (long) (1000 * m.sum("jvm_gc_pause_seconds_sum"));
        } else {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += Math.max(0, gc.getCollectionCount());
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
        }
        return new Snapshot(now, cpu, threads, gcCount, gcMillis, metrics);
    }

    /** Every thread of a process (JIT and GC threads too) from /proc/&lt;pid&gt;/task; empty when not on Linux. */
    private static Map<Long, ThreadCpu> procThreads(String pid, boolean server) {
        Map<Long, ThreadCpu> threads = new HashMap<>();
        Path tasks = Path.of("/proc", pid, "task");
        if (!Files.isDirectory(tasks)) return threads;
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) s::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadCpu(stat.substring(open + 1, close), ticks * 10_000_000L, server)); // USER_HZ 100
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            threads.clear();
        }
        return threads;
    }

    /**
     * CPU seconds by kind of thread between two snapshots: bench clients, server, JIT, GC and VM. With the server
     * in a process of its own, every thread of this process counts as bench clients and JIT, GC and VM are the
     * server's.
     */
    private Map<String, Double> threadCpu(Snapshot a, Snapshot b) {
        Map<String, Double> split = new LinkedHashMap<>();
        for (String k : List.of("bench clients", "server", "JIT", "GC+VM")) split.put(k, 0.0);
        for (var e : b.threads().entrySet()) {
            ThreadCpu before = a.threads().get(e.getKey());
            long d = e.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
            String name = e.getValue().name();
            String kind;
            if (o.separateProcess() && !e.getValue().server()) {
                kind = "bench clients";
            } else if (!o.separateProcess() && (name.startsWith("HttpClient") || name.startsWith("bench-")
                    || name.equals("main") || name.equals("java"))) {
                kind = "bench clients";
            } else if (name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("Sweeper")) {
                kind = "JIT";
            } else if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ")) {
                kind = "GC+VM";
            } else {
                kind = "server";
            }
            split.merge(kind, d / 1e9, Double::sum);
        }
        return split;
    }

    // ------------------------------------------------------------------ report

    private void report(String store, Window w, double heapWaitingMb, WaitingApplicants.Check check, Burst burst) {
        Counts c = w.counts();
        Latencies.Summary offer = w.latencies().get(0);
        Latencies.Summary session = w.latencies().get(1);
        Latencies.Summary reply = w.latencies().get(2);
        Latencies.Summary connect = w.latencies().get(3);
        Snapshot a = w.before();
        Snapshot b = w.after();
        double wallS = (b.nanos() - a.nanos()) / 1e9;
        double cpuS = (b.processCpuNanos() - a.processCpuNanos()) / 1e9;
        Map<String, Double> split = threadCpu(a, b);
        long gcCount = b.gcCount() - a.gcCount();
        long gcMs = b.gcMillis() - a.gcMillis();
        Scrape ma = a.metrics().join();
        Scrape mb = b.metrics().join();
        TreeMap<Double, Double> sa = ma.buckets(SERVER_HISTOGRAM);
        TreeMap<Double, Double> sb = mb.buckets(SERVER_HISTOGRAM);
        TreeMap<Double, Double> da = ma.buckets(DISPATCH_HISTOGRAM);
        TreeMap<Double, Double> db = mb.buckets(DISPATCH_HISTOGRAM);
        double serverP50 = Scrape.quantileMs(sa, sb, 0.50);
        double serverP99 = Scrape.quantileMs(sa, sb, 0.99);
        double dispatchP99 = Scrape.quantileMs(da, db, 0.99);
        double passes = mb.sum("bangban_pairing_loop_passes_total") - ma.sum("bangban_pairing_loop_passes_total");
        double passCount = mb.sum(DISPATCH_HISTOGRAM + "_count") - ma.sum(DISPATCH_HISTOGRAM + "_count");
        double passMeanMs = passCount <= 0 ? Double.NaN
                : 1000 * (mb.sum(DISPATCH_HISTOGRAM + "_sum") - ma.sum(DISPATCH_HISTOGRAM + "_sum")) / passCount;
        double sendFailures = mb.sum("bangban_ws_send_failures_total") - ma.sum("bangban_ws_send_failures_total");
        double rejected = mb.sum("bangban_ws_messages_rejected_total") - ma.sum("bangban_ws_messages_rejected_total");
        double loopFailures = mb.sum("bangban_pairing_loop_failures_total") - ma.sum("bangban_pairing_loop_failures_total");
        double timeouts = mb.sum("bangban_offers_timeouts_total") - ma.sum("bangban_offers_timeouts_total");
        double pairsPerS = (mb.sum(ACCEPTS) - ma.sum(ACCEPTS)) / ((b.nanos() - a.nanos()) / 1e9);
        double heapMaxMb = heapMaxMb();
        double heapPeakMb = heapPeak.get() / (1024.0 * 1024);
        double heapLiveMb = w.heapLiveBytes() < 0 ? Double.NaN : w.heapLiveBytes() / (1024.0 * 1024);
        String serverKind = o.separateProcess() ? "process" : "embedded";
        int cores = Runtime.getRuntime().availableProcessors();

        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nBangban signaling benchmark: server=%s store=%s rate=%d/s helpers=%d warm-up=%ds%s measured=%.1fs think=0-%dms talk=%d-%dms cores=%d java=%s%n",
                serverKind, store, o.rate(), o.helpers(), o.warmupS(), o.ramp() ? " (ramped)" : "", wallS, o.thinkMs(), o.talkMinMs(), o.talkMaxMs(), cores,
                System.getProperty("java.version")));
        t.append(String.format(Locale.ROOT, "%-46s %7s %8s %8s %8s %8s %8s %8s%n", "latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max", "mean"));
        for (Latencies.Summary s : List.of(offer, session, reply, connect)) {
            t.append(String.format(Locale.ROOT, "%-46s %7d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f%n", s.name(), s.count(),
                    s.ms(0.50), s.ms(0.90), s.ms(0.99), s.ms(0.999), s.maxMs(), s.meanMs()));
        }
        String bySlice = p99BySlice();
        t.append(String.format(Locale.ROOT, "request -> offer p99 by 10 s of the window (ms): %s%n", bySlice.replace("/", "  ")));
        t.append(String.format(Locale.ROOT, "%-46s %7.0f %8s %8s %8s   (bucket upper bounds; server clock is ms)%n",
                "server: request -> offer made (/metrics)", sb.isEmpty() ? 0 : (sb.lastEntry().getValue() - (sa.isEmpty() ? 0 : sa.lastEntry().getValue())),
                "<=" + fmt(serverP50), "", "<=" + fmt(serverP99)));
        t.append(String.format(Locale.ROOT, "%-46s %7.0f %8s %8s %8s %17s %8s   (%.0f passes started)%n", "server: one pairing pass (/metrics)", passCount,
                "", "", "<=" + fmt(dispatchP99), "", fmt(passMeanMs), passes));
        t.append(String.format(Locale.ROOT, "applicants (measured): shed %d (too many open connections), started %d, request.create sent %d, queued %d, offered %d, paired %d, unresolved after %.1f s drain %d%n",
                c.shed(), c.started(), c.requests(), c.queued(), c.offered(), c.paired(), w.drainNanos() / 1e9, c.unresolved()));
        t.append(String.format(Locale.ROOT, "queueing: peak helpers busy %d of %d, max queueLength in replies %d, offers after >= 1 s wait %d (max waitedMs %d), queue.update pushes %d%n",
                busyPeak.get(), o.helpers(), maxQueueLength.get(), offersWaited1s.get(), maxWaitedMs.get(), queueUpdates.get()));
        t.append(String.format(Locale.ROOT, "ordering: offer read before the applicant read its request.create reply %d, session.started before that reply %d%n",
                offerBeforeReply.get(), startedBeforeReply.get()));
        t.append(String.format(Locale.ROOT, "whole run: helper cycles %d, re-offers %d, offers withdrawn %d (server timeouts in window %.0f), helpers set away %d, refused %s%n",
                cycles.get(), reoffers.get(), withdrawn.get(), timeouts, autoAway.get(), refusals.isEmpty() ? "none" : text(refusals)));
        t.append(String.format(Locale.ROOT, "problems: connect failures %d, peer failures %d, unexpected closes %d, error replies/events %s; server: send failures %.0f, rejected messages %.0f, pairing loop failures %.0f%n",
                connectFailures.get(), peerFailures.get(), unexpectedCloses.get(), errors.isEmpty() ? "none" : text(errors), sendFailures, rejected, loopFailures));
        StringBuilder splitText = new StringBuilder();
        split.forEach((k, v) -> splitText.append(splitText.length() == 0 ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.1f s", v)));
        t.append(String.format(Locale.ROOT, "%s: cpu %.1f s in %.1f s (%.0f%% of %d cores; by thread: %s), server GC %d collections %d ms, heap peak %.0f MB, live after GC %.0f MB, max arrival lag %.1f ms%n",
                o.separateProcess() ? "both processes" : "process", cpuS, wallS, 100 * cpuS / wallS / cores, cores, splitText, gcCount, gcMs, heapPeakMb, heapLiveMb, maxArrivalLagNanos.get() / 1e6));
        double serverCpuMsPerRequest = c.requests() == 0 ? Double.NaN : 1000 * split.get("server") / c.requests();
        t.append(String.format(Locale.ROOT, "server threads' CPU per measured request: %.2f ms (with %d helpers online)%n",
                serverCpuMsPerRequest, o.helpers()));
        t.append(String.format(Locale.ROOT, "pairing throughput: %.1f sessions started per second in the window (the server's accepts)%n", pairsPerS));
        if (check != null) {
            t.append(String.format(Locale.ROOT, "waiting applicants: %d held for the run; at the end %d connected (last ping answered), %d still queued (cancel confirmed), %d had a position and ETA, %d queue.update pushes, %d pings answered; problems: %s%n",
                    o.waiting(), check.connected(), check.queued(), check.withPosition(), check.queueUpdates(), check.pongs(), check.problems()));
        }
        t.append(String.format(Locale.ROOT, "server heap after a forced GC: %s MB with the waiting applicants only, %s MB at the end of the window (limit %s MB)%n",
                fmt0(heapWaitingMb), fmt0(heapLiveMb), fmt0(heapMaxMb)));
        if (burst != null) {
            t.append(String.format(Locale.ROOT, "burst: %d requests at once: %d offered, the last after %.1f ms (%.0f offers/s); %d sessions started, the last after %.1f ms (%.0f/s)%n",
                    burst.n(), burst.offered(), burst.offerS() * 1000, burst.offersPerS(), burst.started(), burst.sessionS() * 1000, burst.pairsPerS()));
        }
        t.append(String.format(Locale.ROOT, "server log: %d WARN, %d ERROR%n", logs.warnings.get(), logs.errors.get()));
        for (String line : logs.first()) t.append("  ").append(line.length() > 300 ? line.substring(0, 300) + "..." : line).append('\n');
        double target = o.redisUrl() == null ? TARGET_P99_MS : TARGET_P99_REDIS_MS;
        boolean met = offer.count() > 0 && offer.ms(0.99) <= target;
        t.append(String.format(Locale.ROOT, "target request -> offer p99 <= %.0f ms (%s): %s%n", target, store, met ? "met" : "NOT met"));
        System.out.print(t);

        String line = String.format(Locale.ROOT,
                "BENCH signaling server=%s store=%s rate=%d helpers=%d waiting=%d duration_s=%d requests=%d offered=%d paired=%d unresolved=%d refused=%d errors=%d"
                        + " req_to_offer_p50_ms=%s req_to_offer_p90_ms=%s req_to_offer_p99_ms=%s req_to_offer_p999_ms=%s req_to_offer_max_ms=%s"
                        + " accept_to_session_p50_ms=%s accept_to_session_p99_ms=%s create_reply_p99_ms=%s server_req_to_offer_p99_le_ms=%s"
                        + " busy_peak=%d max_queue_len=%d shed=%d heap_used_mb=%.0f heap_live_mb=%.0f gc_ms=%d cpu_s=%.1f cpu_pct=%.0f"
                        + " server_cpu_s=%.1f client_cpu_s=%.1f server_cpu_ms_per_request=%s pairing_pass_mean_ms=%s"
                        + " server_log_warn=%d server_log_error=%d req_to_offer_p99_by_10s_ms=%s"
                        + " pairs_per_s=%.1f heap_waiting_mb=%s heap_max_mb=%s waiting_connected=%d waiting_queued=%d waiting_updates=%d"
                        + " burst=%d burst_last_offer_ms=%s burst_offers_per_s=%s burst_last_session_ms=%s burst_pairs_per_s=%s",
                serverKind, store, o.rate(), o.helpers(), o.waiting(), o.durationS(), c.requests(), c.offered(), c.paired(), c.unresolved(), total(refusals),
                total(errors), fmt(offer.ms(0.5)), fmt(offer.ms(0.9)), fmt(offer.ms(0.99)), fmt(offer.ms(0.999)), fmt(offer.maxMs()),
                fmt(session.ms(0.5)), fmt(session.ms(0.99)), fmt(reply.ms(0.99)), fmt(serverP99),
                busyPeak.get(), maxQueueLength.get(), c.shed(), heapPeakMb, heapLiveMb, gcMs, cpuS, 100 * cpuS / wallS / cores,
                split.get("server"), split.get("bench clients"),
                fmt(serverCpuMsPerRequest), fmt(passMeanMs),
                logs.warnings.get(), logs.errors.get(), bySlice,
                pairsPerS, fmt0(heapWaitingMb), fmt0(heapMaxMb), check == null ? 0 : check.connected(),
                check == null ? 0 : check.queued(), check == null ? 0 : check.queueUpdates(),
                burst == null ? 0 : burst.n(), burst == null ? "NaN" : fmt(burst.offerS() * 1000),
                burst == null ? "NaN" : fmt0(burst.offersPerS()), burst == null ? "NaN" : fmt(burst.sessionS() * 1000),
                burst == null ? "NaN" : fmt0(burst.pairsPerS()));
        System.out.println(line);
    }

    private static String fmt(double ms) {
        if (Double.isNaN(ms)) return "NaN";
        if (Double.isInfinite(ms)) return "inf";
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String fmt0(double v) {
        if (Double.isNaN(v)) return "NaN";
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static long total(Map<String, AtomicLong> m) {
        return m.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static String text(Map<String, AtomicLong> m) {
        StringBuilder b = new StringBuilder();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue().get()));
        return b.toString();
    }

    private String errorsText() {
        return errors.isEmpty() ? "" : "; errors: " + text(errors);
    }

    // ------------------------------------------------------------------ housekeeping

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    private static void startWatchdog(long boundS) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(boundS));
            } catch (InterruptedException e) {
                return;
            }
            System.err.printf(Locale.ROOT, "bench: the run overran its bound of %d s; stopping%n", boundS);
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static void cleanRedis(String url, String prefix) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            ScanArgs args = ScanArgs.Builder.matches(prefix + ":*").limit(1000);
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, args);
                if (!page.getKeys().isEmpty()) deleted += redis.del(page.getKeys().toArray(new String[0]));
                cursor = page;
            } while (!cursor.isFinished());
            say("deleted %d Redis keys under %s:*", deleted, prefix);
        } catch (RuntimeException e) {
            System.err.println("bench: could not delete the Redis keys under " + prefix + ":* : " + e);
        } finally {
            client.shutdown();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
