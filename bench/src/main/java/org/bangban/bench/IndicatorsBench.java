package org.bangban.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bangban.indicators.Dimension;
import org.bangban.indicators.IndicatorQuery;
import org.bangban.indicators.IndicatorReport;
import org.bangban.indicators.Indicators;

/**
 * Indicator reports over {@code cases} cases spread over the {@code days} days up to now: bulk-loads a realistic
 * case log straight into the tables (batched INSERTs, 20,000 rows per transaction — not through the per-event API),
 * builds the indicators' rollup once (timed), then times {@code repeat} reports over the whole range for each
 * grouping: total only, by day, helper, department and item. Each report includes its refresh (records of the last
 * minutes are "live" and recomputed each time, as on a running server).
 *
 * <p>The data: 200 helpers, 300 items in 30 departments, 09:00–17:30 Shanghai. Per case one help request (wait
 * log-normal, median 20 s; 89 % paired, 6 % abandoned, 3 % cancelled, 2 % callback); a paired one has a session (talk
 * log-normal, median 6 min; wrap-up 0–90 s) and its helper as primary; results 75 % resolved, 10 % partly, 7 % not,
 * 3 % transferred, 5 % none yet; 35 % of sessions rated (60/25/9/4/2 % from 非常满意 down), each bad rating with a
 * follow-up (90 % contacted, 75 % rectified, 85 % of those on time, 3 % appeal upheld). Case events are not
 * loaded: the indicators do not read them.
 */
final class IndicatorsBench {
    record Options(String db, int cases, int days, int repeat, long seed, String pgUrl, String pgUser) { }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int BATCH = 20_000;
    private final Options o;

    IndicatorsBench(Options o) {
        this.o = o;
    }

    int run() throws Exception {
        String loadStart = BenchDatabase.loadAverage();
        try (BenchDatabase db = BenchDatabase.open(o.db(), o.pgUrl(), o.pgUser())) {
            long t0 = System.nanoTime();
            long rows = load(db);
            double loadS = (System.nanoTime() - t0) / 1e9;
            if ("postgres".equals(o.db())) {
                db.store.read("fresh statistics", c -> {
                    c.createStatement().execute("ANALYZE");
                    return null;
                });
            }
            System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s (%.0f rows/s); database %d MB%n", rows, loadS,
                    rows / loadS, db.sizeMb());
            Indicators indicators = new Indicators(db.store, SHANGHAI, Duration.ofSeconds(60), Clock.systemUTC());
            String loadBuild = BenchDatabase.loadAverage();
            t0 = System.nanoTime();
            int built = indicators.refresh();
            double buildS = (System.nanoTime() - t0) / 1e9;
            long rollupRows = db.store.read("the rollup size", c -> count(c, "indicator_day"));
            System.out.printf(Locale.ROOT, "rollup: %d days, %,d rows, built in %.1f s (load %s)%n", built, rollupRows,
                    buildS, loadBuild);
            double refreshMs = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long r0 = System.nanoTime();
                indicators.refresh();
                refreshMs = Math.min(refreshMs, (System.nanoTime() - r0) / 1e6);
            }
            LocalDate to = LocalDate.now(SHANGHAI);
            LocalDate from = to.minusDays(o.days() - 1L);
            Map<String, Dimension> groupings = new LinkedHashMap<>();
            groupings.put("total", null);
            groupings.put("day", Dimension.DAY);
            groupings.put("helper", Dimension.HELPER);
            groupings.put("department", Dimension.DEPARTMENT);
            groupings.put("item", Dimension.ITEM);
            StringBuilder line = new StringBuilder();
            double worst = 0;
            long casesSeen = -1;
            for (int round = 0; round < 2; round++) { // the first round warms the JIT, the second is reported
                line.setLength(0);
                worst = 0;
                for (Map.Entry<String, Dimension> g : groupings.entrySet()) {
                    double[] ms = new double[o.repeat()];
                    for (int i = 0; i < o.repeat(); i++) {
                        long q0 = System.nanoTime();
                        IndicatorReport r = indicators.report(new IndicatorQuery(from, to, g.getValue(), null));
                        ms[i] = (System.nanoTime() - q0) / 1e6;
                        casesSeen = r.total().cases();
                    }
                    Arrays.sort(ms);
                    worst = Math.max(worst, ms[ms.length - 1]);
                    line.append(String.format(Locale.ROOT, " %s_ms_p50=%.0f %s_ms_max=%.0f", g.getKey(),
                            ms[ms.length / 2], g.getKey(), ms[ms.length - 1]));
                }
            }
            System.out.printf(Locale.ROOT, "BENCH indicators db=%s cases=%d cases_in_report=%d days=%d rows=%d load_s=%.1f"
                            + " db_mb=%d rollup_build_s=%.1f rollup_rows=%d refresh_ms=%.0f repeat=%d%s max_ms=%.0f under_1s=%s"
                            + " load_start=%s load_end=%s%n",
                    o.db(), o.cases(), casesSeen, o.days(), rows, loadS, db.sizeMb(), buildS, rollupRows, refreshMs, o.repeat(), line,
                    worst, worst < 1000 ? "yes" : "no", loadStart, BenchDatabase.loadAverage());
            return 0;
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Writes the data set; returns the number of rows. */
    private long load(BenchDatabase db) {
        SplittableRandom r = new SplittableRandom(o.seed());
        String[] helpers = new String[200];
        for (int i = 0; i < helpers.length; i++) helpers[i] = "staff:bench-helper-" + i;
        long[] written = new long[1];
        db.store.write("the bench's staff and items", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_account (id, username, display_name, role,"
                    + " password_hash, department, created_at) VALUES (?, ?, ?, 'HELPER', 'x', ?, 0)")) {
                for (int i = 0; i < helpers.length; i++) {
                    ps.setString(1, helpers[i]);
                    ps.setString(2, "bench-helper-" + i);
                    ps.setString(3, "帮办员 " + i);
                    ps.setString(4, "部门 " + (i % 30));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_item (id, name_zh, category, department)"
                    + " VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    ps.setString(1, "item-" + i);
                    ps.setString(2, "事项 " + i + (i % 50 == 0 ? ", 含逗号" : ""));
                    ps.setString(3, "类别 " + (i % 12));
                    ps.setString(4, "部门 " + (i % 30));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        long now = System.currentTimeMillis();
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate first = today.minusDays(o.days() - 1L);
        int done = 0;
        while (done < o.cases()) {
            int n = Math.min(BATCH / 5, o.cases() - done);
            int start = done;
            db.store.write("bench cases " + start + "…", c -> {
                written[0] += batch(c, r, helpers, start, n, first, now);
                return null;
            });
            done += n;
        }
        return written[0];
    }

    private long batch(Connection c, SplittableRandom r, String[] helpers, int start, int n, LocalDate first, long now)
            throws SQLException {
        long rows = 0;
        try (PreparedStatement cs = c.prepareStatement("INSERT INTO service_case (number, applicant_id, item_id,"
                + " department, kind, channel, priority, state, result, created_by, created_at, updated_at, last_seq)"
                + " VALUES (?, ?, ?, ?, 'ASSIST', 'ONLINE', 'NORMAL', ?, ?, 'system', ?, ?, 6)");
             PreparedStatement ch = c.prepareStatement("INSERT INTO case_helper (case_number, helper_id, role, since)"
                     + " VALUES (?, ?, 'PRIMARY', ?)");
             PreparedStatement rq = c.prepareStatement("INSERT INTO request_outcome (request_id, applicant_id, item_id,"
                     + " queue, kind, priority, outcome, helper_id, wait_ms, ended_at)"
                     + " VALUES (?, ?, ?, ?, 'ASSIST', 'NORMAL', ?, ?, ?, ?)");
             PreparedStatement ss = c.prepareStatement("INSERT INTO case_session (session_id, case_number, request_id,"
                     + " applicant_id, helper_id, item_id, department, queue, kind, priority, requested_at, started_at,"
                     + " wait_ms, ended_at, talk_ms, wrap_up_ms, end_reason, media)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ASSIST', 'NORMAL', ?, ?, ?, ?, ?, ?, 'HELPER_ENDED', 'audio,screen')");
             PreparedStatement ev = c.prepareStatement("INSERT INTO evaluation (id, session_id, case_number, applicant_id,"
                     + " helper_id, level, score, tags, created_at, created_day, session_ended_at, excluded)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)");
             PreparedStatement fu = c.prepareStatement("INSERT INTO evaluation_follow_up (id, evaluation_id, case_number,"
                     + " applicant_id, helper_id, state, opened_at, contact_due_at, rectify_due_at, due_at, contacted_at,"
                     + " rectified_at, closed_at, last_seq) VALUES (?, ?, ?, ?, ?, 'CLOSED', ?, ?, ?, NULL, ?, ?, ?, 4)")) {
            for (int k = 0; k < n; k++) {
                int i = start + k;
                // spread the cases evenly over the days; a time of day in service hours; the last case is "now"
                long day = (long) i * o.days() / o.cases();
                LocalDate d = first.plusDays(day);
                long requested = d.atStartOfDay(SHANGHAI).toInstant().toEpochMilli() + 9 * 3_600_000L
                        + r.nextLong(8 * 3_600_000L + 1_800_000L);
                if (i == o.cases() - 1 || requested > now - 3_600_000L) requested = now - 600_000L - r.nextLong(3_000_000L);
                String number = String.format(Locale.ROOT, "BB-%s-%06d", d.toString().replace("-", ""), i);
                String applicant = "portal:bench-" + r.nextInt(400_000);
                int item = (int) Math.min(299, Math.abs(r.nextGaussian()) * 80); // popular items first
                String itemId = "item-" + item;
                String dept = "部门 " + (item % 30);
                String helper = helpers[r.nextInt(helpers.length)];
                long wait = Math.min(1_200_000L, (long) Math.exp(Math.log(20_000) + 0.9 * r.nextGaussian()));
                double o1 = r.nextDouble();
                String outcome = o1 < 0.89 ? "PAIRED" : o1 < 0.95 ? "ABANDONED" : o1 < 0.98 ? "CANCELLED" : "CALLBACK";
                boolean paired = "PAIRED".equals(outcome);
                long started = requested + wait;
                long talk = Math.min(7_200_000L, (long) Math.exp(Math.log(360_000) + 0.7 * r.nextGaussian()));
                long wrap = r.nextLong(90_001);
                long ended = started + talk;
                double o2 = r.nextDouble();
                String result = o2 < 0.75 ? "RESOLVED" : o2 < 0.85 ? "PARTLY_RESOLVED" : o2 < 0.92 ? "NOT_RESOLVED"
                        : o2 < 0.95 ? "TRANSFERRED" : null;
                long updated = paired ? ended + wrap : requested + wait;
                cs.setString(1, number);
                cs.setString(2, applicant);
                cs.setString(3, itemId);
                cs.setString(4, dept);
                cs.setString(5, result == null ? "GUIDED_HANDLING" : "CLOSED");
                cs.setString(6, result);
                cs.setLong(7, requested);
                cs.setLong(8, Math.min(now, updated));
                cs.addBatch();
                rows++;
                if (paired) {
                    ch.setString(1, number);
                    ch.setString(2, helper);
                    ch.setLong(3, started);
                    ch.addBatch();
                    rows++;
                }
                String requestId = "req-" + i;
                rq.setString(1, requestId);
                rq.setString(2, applicant);
                rq.setString(3, itemId);
                rq.setString(4, "类别 " + (item % 12));
                rq.setString(5, outcome);
                if (paired) rq.setString(6, helper);
                else rq.setNull(6, java.sql.Types.VARCHAR);
                rq.setLong(7, wait);
                rq.setLong(8, requested + wait);
                rq.addBatch();
                rows++;
                if (!paired) continue;
                String session = "ses-" + i;
                ss.setString(1, session);
                ss.setString(2, number);
                ss.setString(3, requestId);
                ss.setString(4, applicant);
                ss.setString(5, helper);
                ss.setString(6, itemId);
                ss.setString(7, dept);
                ss.setString(8, "类别 " + (item % 12));
                ss.setLong(9, requested);
                ss.setLong(10, started);
                ss.setLong(11, wait);
                boolean over = ended + wrap <= now;
                if (over) {
                    ss.setLong(12, ended);
                    ss.setLong(13, talk);
                    ss.setLong(14, wrap);
                } else {
                    ss.setNull(12, java.sql.Types.BIGINT);
                    ss.setNull(13, java.sql.Types.BIGINT);
                    ss.setNull(14, java.sql.Types.BIGINT);
                }
                ss.addBatch();
                rows++;
                if (!over || r.nextDouble() >= 0.35) continue;
                double o3 = r.nextDouble();
                int score = o3 < 0.60 ? 5 : o3 < 0.85 ? 4 : o3 < 0.94 ? 3 : o3 < 0.98 ? 2 : 1;
                long rated = Math.min(now, ended + 60_000 + r.nextLong(3_600_000L));
                boolean upheld = score <= 2 && r.nextDouble() < 0.03;
                String evId = "ev-" + i;
                ev.setString(1, evId);
                ev.setString(2, session);
                ev.setString(3, number);
                ev.setString(4, applicant);
                ev.setString(5, helper);
                ev.setString(6, LEVELS[5 - score]);
                ev.setInt(7, score);
                ev.setLong(8, rated);
                ev.setString(9, LocalDate.ofInstant(Instant.ofEpochMilli(rated), SHANGHAI).toString());
                ev.setLong(10, ended);
                ev.setInt(11, upheld ? 1 : 0);
                ev.addBatch();
                rows++;
                if (score > 2) continue;
                long contactDue = rated + 86_400_000L;
                long rectifyDue = rated + 21 * 86_400_000L;
                boolean contacted = r.nextDouble() < 0.90;
                boolean rectified = contacted && r.nextDouble() < 0.75;
                long rectifiedAt = rated + (r.nextDouble() < 0.85 ? r.nextLong(20 * 86_400_000L) : 21 * 86_400_000L
                        + r.nextLong(5 * 86_400_000L));
                fu.setString(1, "fu-" + i);
                fu.setString(2, evId);
                fu.setString(3, number);
                fu.setString(4, applicant);
                fu.setString(5, helper);
                fu.setLong(6, rated);
                fu.setLong(7, contactDue);
                fu.setLong(8, rectifyDue);
                if (contacted) fu.setLong(9, rated + r.nextLong(30 * 3_600_000L));
                else fu.setNull(9, java.sql.Types.BIGINT);
                if (rectified) fu.setLong(10, rectifiedAt);
                else fu.setNull(10, java.sql.Types.BIGINT);
                fu.setLong(11, rectifiedAt + 86_400_000L);
                fu.addBatch();
                rows++;
            }
            for (PreparedStatement ps : List.of(cs, ch, rq, ss, ev, fu)) ps.executeBatch();
        }
        return rows;
    }

    private static final String[] LEVELS = {"VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED",
        "VERY_DISSATISFIED"};
}
