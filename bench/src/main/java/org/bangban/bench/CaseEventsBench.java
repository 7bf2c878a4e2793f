package org.bangban.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.cases.Actor;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.NewCase;
import org.bangban.cases.RealNameCipher;
import org.bangban.queue.ServiceKind;

/**
 * Appended case events per second through {@link Cases#append} (each one acknowledged: committed before it
 * returns — on SQLite synchronous=FULL with the store's group commit, on PostgreSQL one transaction each, many
 * writers at once). {@code writers} threads each append NOTE events (a ~150-character payload) to cases of their
 * own, round robin over {@code cases} open cases, for {@code seconds} after a 3 s warm-up. At the end the events in
 * the database are counted and must equal the acknowledged ones.
 */
final class CaseEventsBench {
    record Options(String db, int seconds, int writers, int cases, String pgUrl, String pgUser) { }

    private final Options o;

    CaseEventsBench(Options o) {
        this.o = o;
    }

    int run() throws Exception {
        String loadStart = BenchDatabase.loadAverage();
        try (BenchDatabase db = BenchDatabase.open(o.db(), o.pgUrl(), o.pgUser())) {
            RealNameCipher cipher = new RealNameCipher(List.of(new byte[RealNameCipher.KEY_BYTES]));
            Cases cases = new Cases(db.store, cipher);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < o.cases(); i++) {
                CaseRecord c = cases.open(NewCase.builder("guest:bench-" + i, "item-" + (i % 50), ServiceKind.ASSIST,
                        Channel.ONLINE).department("dept-" + (i % 10)).helper("staff:bench-" + (i % o.writers())).build(),
                        Actor.SYSTEM);
                numbers.add(c.number());
            }
            long baseline = countEvents(db);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            Latencies latencies = new Latencies("append");
            CountDownLatch done = new CountDownLatch(o.writers());
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < o.writers(); w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    Actor helper = Actor.helper("staff:bench-" + writer);
                    int n = 0;
                    try {
                        while (!stop.get()) {
                            // each writer appends to its own cases: cases of writer w are w, w + writers, …
                            int idx = writer + o.writers() * (n++ % Math.max(1, o.cases() / o.writers()));
                            String number = numbers.get(idx % numbers.size());
                            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                                    .put("text", "回访记录：申请人已按指导补齐材料，预计下周一到窗口领取证照。bench note " + n)
                                    .put("writer", writer);
                            long t0 = System.nanoTime();
                            try {
                                cases.append(number, helper, CaseEventType.NOTE, payload);
                                if (measuring.get()) {
                                    latencies.record(System.nanoTime() - t0);
                                    acknowledged.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "bench-writer-" + w);
                threads.add(t);
                t.start();
            }
            Thread.sleep(3000);
            long before = countEvents(db);
            long jvmCpu0 = jvmCpuNanos();
            long pgCpu0 = postgresCpuMillis(db);
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep(o.seconds() * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long jvmCpu = jvmCpuNanos() - jvmCpu0;
            long pgCpu1 = postgresCpuMillis(db);
            long pgCpu = pgCpu0 < 0 || pgCpu1 < 0 ? -1 : pgCpu1 - pgCpu0;
            long after = countEvents(db);
            stop.set(true);
            done.await();
            long total = countEvents(db) - baseline;
            Latencies.Summary s = latencies.summary();
            double perSecond = (after - before) / elapsed;
            System.out.printf(Locale.ROOT, "BENCH case-events db=%s writers=%d cases=%d seconds=%d events=%d"
                            + " events_per_s=%.0f acknowledged_per_s=%.0f append_p50_ms=%.2f append_p99_ms=%.2f"
                            + " append_max_ms=%.2f failures=%d stored_total=%d jvm_cpu_ms_per_event=%.3f"
                            + " db_cpu_ms_per_event=%s load_start=%s load_end=%s%n",
                    o.db(), o.writers(), o.cases(), o.seconds(), after - before, perSecond,
                    acknowledged.get() / elapsed, s.ms(0.5), s.ms(0.99), s.maxMs(), failures.get(), total,
                    jvmCpu / 1e6 / Math.max(1, after - before),
                    pgCpu < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) pgCpu / Math.max(1, after - before)),
                    loadStart,
                    BenchDatabase.loadAverage());
            return failures.get() == 0 ? 0 : 1;
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time used so far by the PostgreSQL backends serving this database, from /proc (the server on this host);
     * -1 on SQLite (the database runs in this JVM) or when /proc cannot be read.
     */
    private static long postgresCpuMillis(BenchDatabase db) {
        if (!"postgres".equals(db.kind)) return -1;
        List<Long> pids = db.store.read("the backends", c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    private static long countEvents(BenchDatabase db) {
        return db.store.read("the number of case events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM case_event");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
