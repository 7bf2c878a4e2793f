package org.bangban.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.indicators.KnownDataSet.D1;
import static org.bangban.indicators.KnownDataSet.D2;
import static org.bangban.indicators.KnownDataSet.at;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indicators of {@link KnownDataSet}, worked out by hand, on a SQLite file and on a real PostgreSQL: every
 * figure of the total, of every grouping, the range boundaries, a helper's own row, and the rollup catching up with
 * changed records. Times in ms; "15 s" = 15,000.
 */
abstract class IndicatorsContract {
    static final String H1 = "staff:h1";
    static final String H2 = "staff:h2";

    protected RecordStore store;
    /** The evening of D2 in Shanghai: the data set's records are recent, as they are when written live. */
    final AtomicLong now = new AtomicLong(at(D2, 20, 0));
    Indicators indicators;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void setUp() {
        now.set(at(D2, 20, 0)); // each test starts at the same moment, whatever the instance lifecycle
        store = database().openStore();
        new KnownDataSet(H1, H2).insert(store, true);
        store.write("the helpers' names", c -> {
            try (var ps = c.prepareStatement("INSERT INTO staff_account (id, username, display_name, role,"
                    + " password_hash, created_at) VALUES (?, ?, ?, 'HELPER', 'x', 0)")) {
                for (String[] h : new String[][] {{H1, "h1", "王芳"}, {H2, "h2", "李明"}}) {
                    ps.setString(1, h[0]);
                    ps.setString(2, h[1]);
                    ps.setString(3, h[2]);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        indicators = new Indicators(store, KnownDataSet.SHANGHAI, Duration.ofSeconds(60), clock());
    }

    @AfterEach
    void tearDown() {
        if (store != null) store.close();
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
    }

    IndicatorReport report(Dimension by) {
        return indicators.report(new IndicatorQuery(D1, D2, by, null));
    }

    static void dist(Distribution d, long count, Double meanMs, Long p50, Long p90, Long p99) {
        assertThat(d).isEqualTo(new Distribution(count, meanMs, p50, p90, p99));
    }

    static void rate(Rate r, long numerator, long denominator) {
        assertThat(r).isEqualTo(new Rate(numerator, denominator));
    }

    @Test
    void theTotalOverBothDays() {
        IndicatorReport r = report(null);
        assertThat(r.rows()).isEmpty();
        assertThat(r.serviceLevelMs()).isEqualTo(60_000);
        IndicatorRow t = r.total();
        // S1–S4 (S5 starts at 00:00 of the day after): responses 15, 30, 120, 60 s, sorted 15 30 60 120;
        // mean 225/4 = 56.25 s; p50 = rank ceil(0.5·4) = 2 → 30 s; p90 = rank ceil(3.6) = 4 → 120 s; p99 rank 4
        assertThat(t.sessions()).isEqualTo(4);
        dist(t.responseTime(), 4, 56_250.0, 30_000L, 120_000L, 120_000L);
        // handling of the ended S1, S2, S4: 240, 480, 960 s; mean 560 s; ranks 2, 3, 3
        dist(t.handlingTime(), 3, 560_000.0, 480_000L, 960_000L, 960_000L);
        // R1–R8 (R9 ends 1 ms before D1): paired waits 15, 30, 120, 60 → as responses
        assertThat(t.requestsEnded()).isEqualTo(8);
        dist(t.waitPaired(), 4, 56_250.0, 30_000L, 120_000L, 120_000L);
        // abandoned R3 120 s, R6 7.5 s: mean 63.75 s; p50 rank 1 → 7.5 s; p90 rank 2 → 120 s
        dist(t.waitAbandoned(), 2, 63_750.0, 7_500L, 120_000L, 120_000L);
        rate(t.abandonment(), 2, 8);
        // answered within 60 s: R1 15, R2 30, R5 60 (≤ threshold) = 3; answered + abandoned = 4 + 2
        rate(t.serviceLevel(), 3, 6);
        // cases C1–C5; with a result C1, C2, C3, C5; resolved C1, C5; partly C2
        assertThat(t.cases()).isEqualTo(5);
        rate(t.resolution(), 2, 4);
        rate(t.partlyResolved(), 1, 4);
        // ratings without the upheld E5: E1 5, E2 2, E3 1, E4 4, E6 3, E7 2 → 满意 and above E1, E4
        rate(t.satisfaction(), 2, 6);
        // bad ratings without F3: F1, F2, F4; contacted F1, F4; rectified F1 (before due), F4 (at due: late)
        rate(t.followUp(), 2, 3);
        rate(t.onTimeRectification(), 1, 2);
        assertThat(t.resolution().value()).isEqualTo(0.5);
        assertThat(t.onTimeRectification().value()).isEqualTo(0.5);
    }

    @Test
    void byHelperWithTheRequestsNoHelperTookLast() {
        IndicatorReport r = report(Dimension.HELPER);
        assertThat(r.rows()).extracting(IndicatorRow::key).containsExactly(H2, H1, "");
        assertThat(r.rows()).extracting(IndicatorRow::label).containsExactly("李明", "王芳", "");
        IndicatorRow h2 = r.rows().get(0);
        IndicatorRow h1 = r.rows().get(1);
        IndicatorRow none = r.rows().get(2);
        // h1: S1 15 s, S2 30 s (handling 240, 480); R1, R2 paired within 60 s; C1 resolved, C2 partly;
        // E1 5, E2 2; F1 contacted and on time
        assertThat(h1.sessions()).isEqualTo(2);
        dist(h1.responseTime(), 2, 22_500.0, 15_000L, 30_000L, 30_000L);
        dist(h1.handlingTime(), 2, 360_000.0, 240_000L, 480_000L, 480_000L);
        dist(h1.waitPaired(), 2, 22_500.0, 15_000L, 30_000L, 30_000L);
        dist(h1.waitAbandoned(), 0, null, null, null, null);
        rate(h1.abandonment(), 0, 2);
        rate(h1.serviceLevel(), 2, 2);
        assertThat(h1.cases()).isEqualTo(2);
        rate(h1.resolution(), 1, 2);
        rate(h1.partlyResolved(), 1, 2);
        rate(h1.satisfaction(), 1, 2);
        rate(h1.followUp(), 1, 1);
        rate(h1.onTimeRectification(), 1, 1);
        // h2: S3 120 s (live), S4 60 s (handling 960); R4 120 s (late), R5 60 s; C3 not resolved, C4 none yet;
        // E3 1, E4 4, E6 3, E7 2 (E5 upheld); F2 not contacted, F4 contacted and rectified at its deadline
        assertThat(h2.sessions()).isEqualTo(2);
        dist(h2.responseTime(), 2, 90_000.0, 60_000L, 120_000L, 120_000L);
        dist(h2.handlingTime(), 1, 960_000.0, 960_000L, 960_000L, 960_000L);
        dist(h2.waitPaired(), 2, 90_000.0, 60_000L, 120_000L, 120_000L);
        rate(h2.abandonment(), 0, 2);
        rate(h2.serviceLevel(), 1, 2);
        assertThat(h2.cases()).isEqualTo(2);
        rate(h2.resolution(), 0, 1);
        rate(h2.partlyResolved(), 0, 1);
        rate(h2.satisfaction(), 1, 4);
        rate(h2.followUp(), 1, 2);
        rate(h2.onTimeRectification(), 0, 1);
        // no helper: R3, R6 abandoned, R7 cancelled, R8 callback; C5 resolved without a helper
        assertThat(none.sessions()).isZero();
        assertThat(none.requestsEnded()).isEqualTo(4);
        dist(none.waitAbandoned(), 2, 63_750.0, 7_500L, 120_000L, 120_000L);
        rate(none.abandonment(), 2, 4);
        rate(none.serviceLevel(), 0, 2);
        rate(none.resolution(), 1, 1);
        rate(none.satisfaction(), 0, 0);
        assertThat(none.satisfaction().value()).isNull();
        // the total is the same whatever the grouping
        assertThat(r.total()).isEqualTo(report(null).total());
    }

    @Test
    void byItemAndByDepartment() {
        for (Dimension by : List.of(Dimension.ITEM, Dimension.DEPARTMENT)) {
            IndicatorReport r = report(by);
            // 个 (U+4E2A) sorts before 社 (U+793E), 人 (U+4EBA) before 市 (U+5E02)
            if (by == Dimension.ITEM) {
                assertThat(r.rows()).extracting(IndicatorRow::key).containsExactly(KnownDataSet.ITEM_B, KnownDataSet.ITEM_A);
                assertThat(r.rows()).extracting(IndicatorRow::label)
                        .containsExactly(KnownDataSet.ITEM_B_NAME, KnownDataSet.ITEM_A_NAME);
            } else {
                assertThat(r.rows()).extracting(IndicatorRow::key).containsExactly(KnownDataSet.DEPT_A, KnownDataSet.DEPT_B);
            }
            IndicatorRow a = r.rows().get(by == Dimension.ITEM ? 1 : 0);
            IndicatorRow b = r.rows().get(by == Dimension.ITEM ? 0 : 1);
            // item-a (人社局): S1 15 s (handling 240), S3 120 s (live); R1 P 15, R3 A 120, R4 P 120, R7 cancelled;
            // C1 resolved, C3 not, C5 resolved; ratings E1 5, E3 1 (E5 upheld); F2 not contacted (F3 upheld)
            assertThat(a.sessions()).isEqualTo(2);
            dist(a.responseTime(), 2, 67_500.0, 15_000L, 120_000L, 120_000L);
            dist(a.handlingTime(), 1, 240_000.0, 240_000L, 240_000L, 240_000L);
            dist(a.waitPaired(), 2, 67_500.0, 15_000L, 120_000L, 120_000L);
            dist(a.waitAbandoned(), 1, 120_000.0, 120_000L, 120_000L, 120_000L);
            assertThat(a.requestsEnded()).isEqualTo(4);
            rate(a.abandonment(), 1, 4);
            rate(a.serviceLevel(), 1, 3);
            assertThat(a.cases()).isEqualTo(3);
            rate(a.resolution(), 2, 3);
            rate(a.partlyResolved(), 0, 3);
            rate(a.satisfaction(), 1, 2);
            rate(a.followUp(), 0, 1);
            rate(a.onTimeRectification(), 0, 0);
            // item-b (市场监管局): S2 30 s (480), S4 60 s (960); R2 P 30, R5 P 60, R6 A 7.5, R8 callback;
            // C2 partly, C4 none yet; ratings E2 2, E4 4, E6 3, E7 2; F1 on time, F4 late, both contacted
            assertThat(b.sessions()).isEqualTo(2);
            dist(b.responseTime(), 2, 45_000.0, 30_000L, 60_000L, 60_000L);
            dist(b.handlingTime(), 2, 720_000.0, 480_000L, 960_000L, 960_000L);
            dist(b.waitPaired(), 2, 45_000.0, 30_000L, 60_000L, 60_000L);
            dist(b.waitAbandoned(), 1, 7_500.0, 7_500L, 7_500L, 7_500L);
            rate(b.abandonment(), 1, 4);
            rate(b.serviceLevel(), 2, 3);
            assertThat(b.cases()).isEqualTo(2);
            rate(b.resolution(), 0, 1);
            rate(b.partlyResolved(), 1, 1);
            rate(b.satisfaction(), 1, 4);
            rate(b.followUp(), 2, 2);
            rate(b.onTimeRectification(), 1, 2);
        }
    }

    @Test
    void byDayInTheServiceTimeZone() {
        IndicatorReport r = report(Dimension.DAY);
        assertThat(r.rows()).extracting(IndicatorRow::key).containsExactly("2026-11-24", "2026-11-25");
        IndicatorRow d1 = r.rows().get(0);
        IndicatorRow d2 = r.rows().get(1);
        // D1: S1 15, S2 30 (240, 480); R1, R2 paired, R3 abandoned; C1, C2; E1, E2; F1
        dist(d1.responseTime(), 2, 22_500.0, 15_000L, 30_000L, 30_000L);
        dist(d1.handlingTime(), 2, 360_000.0, 240_000L, 480_000L, 480_000L);
        rate(d1.abandonment(), 1, 3);
        rate(d1.serviceLevel(), 2, 3);
        rate(d1.resolution(), 1, 2);
        rate(d1.satisfaction(), 1, 2);
        rate(d1.followUp(), 1, 1);
        rate(d1.onTimeRectification(), 1, 1);
        // D2: S3 120, S4 60 (960); R4 P 120, R5 P 60, R6 A, R7, R8; C3, C4, C5; E3, E4, E6, E7; F2, F4
        dist(d2.responseTime(), 2, 90_000.0, 60_000L, 120_000L, 120_000L);
        dist(d2.handlingTime(), 1, 960_000.0, 960_000L, 960_000L, 960_000L);
        rate(d2.abandonment(), 1, 5);
        rate(d2.serviceLevel(), 1, 3);
        rate(d2.resolution(), 1, 2);
        rate(d2.partlyResolved(), 0, 2);
        rate(d2.satisfaction(), 1, 4);
        rate(d2.followUp(), 1, 2);
        rate(d2.onTimeRectification(), 0, 1);
        // one day alone: D2 only, and the day after holds only S5
        IndicatorReport onlyD2 = indicators.report(new IndicatorQuery(D2, D2, null, null));
        assertThat(onlyD2.total()).isEqualTo(d2.withLabel("").withKey(""));
        IndicatorRow after = indicators.report(new IndicatorQuery(D2.plusDays(1), D2.plusDays(1), null, null)).total();
        assertThat(after.sessions()).isEqualTo(1);
        assertThat(after.requestsEnded()).isZero();
    }

    @Test
    void aHelperSeesOnlyItsOwnRowAndTotal() {
        IndicatorReport all = report(Dimension.HELPER);
        IndicatorReport own = indicators.report(new IndicatorQuery(D1, D2, Dimension.HELPER, H1));
        assertThat(own.rows()).containsExactly(all.rows().get(1));
        assertThat(own.total()).isEqualTo(all.rows().get(1).withLabel("").withKey(""));
        IndicatorReport ownTotal = indicators.report(new IndicatorQuery(D1, D2, null, H1));
        assertThat(ownTotal.rows()).isEmpty();
        assertThat(ownTotal.total()).isEqualTo(own.total());
    }

    @Test
    void theRollupCatchesUpWithChangedRecords() {
        assertThat(report(null).total().resolution()).isEqualTo(new Rate(2, 4));
        // later that evening: C2's result is corrected to RESOLVED (updated_at now), C4 gets NOT_RESOLVED, and a
        // request of D2 ends abandoned
        now.set(at(D2, 21, 0));
        store.write("changes", c -> {
            try (var ps = c.prepareStatement("UPDATE service_case SET result = ?, updated_at = ? WHERE number = ?")) {
                ps.setString(1, "RESOLVED");
                ps.setLong(2, now.get());
                ps.setString(3, "BB-20261124-000002");
                ps.executeUpdate();
                ps.setString(1, "NOT_RESOLVED");
                ps.setString(3, "BB-20261125-000002");
                ps.executeUpdate();
            }
            KnownDataSet.request(c, "R10", "ABANDONED", null, KnownDataSet.ITEM_A, 30_000, now.get());
            return null;
        });
        IndicatorRow t = report(null).total();
        rate(t.resolution(), 3, 5);
        rate(t.partlyResolved(), 0, 5);
        rate(t.abandonment(), 3, 9);
        rate(t.serviceLevel(), 3, 7);
        // D1's row changed too (C2 counts on the day it was opened), and so did November's month rows
        rate(report(Dimension.DAY).rows().get(0).resolution(), 2, 2);
        IndicatorQuery november = new IndicatorQuery(D1.withDayOfMonth(1), D1.withDayOfMonth(30), Dimension.ITEM, null);
        rate(indicators.report(november).total().resolution(), 3, 5);
        rate(indicators.report(november).rows().get(0).resolution(), 1, 2); // item-b: C2 resolved, C4 not
        // in December, November is read from its month rows, made from the changed day rows
        now.set(at(D2.plusDays(6), 9, 0));
        rate(indicators.report(november).total().resolution(), 3, 5);
        rate(indicators.report(november).rows().get(0).resolution(), 1, 2);
        assertThat(monthRows()).isEqualTo(1);
        // and a change to a November case now rewrites November's month rows too
        now.set(at(D2.plusDays(6), 10, 0));
        store.write("a late result", c -> {
            try (var ps = c.prepareStatement("UPDATE service_case SET result = 'RESOLVED', updated_at = ? WHERE number = ?")) {
                ps.setLong(1, now.get());
                ps.setString(2, "BB-20261125-000002");
                ps.executeUpdate();
            }
            return null;
        });
        rate(indicators.report(november).total().resolution(), 4, 5);
    }

    long monthRows() {
        return store.read("month rows", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM indicator_day WHERE dimension = 'ALL_MONTH'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aRangeOfWholeMonthsAndPartialOnesAddsUpTheSame() {
        // 15 Oct – 10 Dec: partial October and December from day rows, November from its month rows. It holds
        // everything: S1–S5 and R1–R9. Responses 15, 30, 120, 60, 30 s: sorted 15 30 30 60 120, mean 255/5 = 51 s,
        // p50 = rank 3 → 30 s; paired waits 15 (R9), 15, 30, 120, 60: within 60 s R1, R2, R5, R9 = 4 of 5 + 2
        IndicatorQuery wide = new IndicatorQuery(D1.minusDays(40), D1.plusDays(16), null, null);
        IndicatorRow t = indicators.report(wide).total();
        assertThat(t.sessions()).isEqualTo(5);
        dist(t.responseTime(), 5, 51_000.0, 30_000L, 120_000L, 120_000L);
        assertThat(t.requestsEnded()).isEqualTo(9);
        rate(t.serviceLevel(), 4, 7);
        rate(t.abandonment(), 2, 9);
        rate(t.resolution(), 2, 4);
        // the same from the day rows: by day, added up
        IndicatorReport byDay = indicators.report(new IndicatorQuery(wide.from(), wide.to(), Dimension.DAY, null));
        assertThat(byDay.rows()).extracting(IndicatorRow::key).containsExactly("2026-11-23", "2026-11-24", "2026-11-25",
                "2026-11-26");
        assertThat(byDay.total()).isEqualTo(t);
        // the same in December, when November has ended and is read from its month rows
        assertThat(monthRows()).isZero();
        now.set(at(D2.plusDays(6), 9, 0));
        assertThat(indicators.report(wide).total()).isEqualTo(t);
        assertThat(monthRows()).isEqualTo(1);
        // h1 over whole months: S1, S2, S5 and R1, R2, R9
        IndicatorReport h1 = indicators.report(new IndicatorQuery(D1.withDayOfMonth(1), D1.withDayOfMonth(30),
                Dimension.HELPER, H1));
        assertThat(h1.total().sessions()).isEqualTo(3);
        rate(h1.total().serviceLevel(), 3, 3);
    }

    @Test
    void anotherServiceLevelThresholdRebuildsTheRollup() {
        assertThat(report(null).total().serviceLevel()).isEqualTo(new Rate(3, 6));
        // 120 s: R4 (120 s) is within it now
        Indicators longer = new Indicators(store, KnownDataSet.SHANGHAI, Duration.ofSeconds(120), clock());
        assertThat(longer.report(new IndicatorQuery(D1, D2, null, null)).total().serviceLevel()).isEqualTo(new Rate(4, 6));
        // and back
        assertThat(report(null).total().serviceLevel()).isEqualTo(new Rate(3, 6));
    }

    @Test
    void aRangeWithoutRecordsHasEmptyFigures() {
        IndicatorRow t = indicators.report(new IndicatorQuery(D1.minusDays(30), D1.minusDays(2), Dimension.ITEM, null)).total();
        assertThat(t.sessions()).isZero();
        dist(t.responseTime(), 0, null, null, null, null);
        assertThat(t.resolution().value()).isNull();
    }
}
