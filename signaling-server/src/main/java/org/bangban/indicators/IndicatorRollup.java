package org.bangban.indicators;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.bangban.cases.CaseResult;
import org.bangban.store.Columns;
import org.bangban.store.Outcome;
import org.bangban.store.RecordStore;

/**
 * The per-day rollup of the indicators ({@code indicator_day}, V6): one {@link Tally} per day and group, computed
 * from the records and brought up to date before each report ({@link #refresh}).
 *
 * <p><b>Freshness.</b> Records do not say when they last changed in one place, so each source is asked which of
 * its rows changed since the last refresh through an index on its change time: requests by {@code ended_at},
 * sessions by {@code started_at} and {@code ended_at}, cases by {@code updated_at} (set by every case event),
 * ratings by {@code created_at}, follow-ups by their steps' {@code at} (an upheld appeal is a step too). Every day
 * such a row counts on is recomputed whole from the records and its rollup rows replaced. The scan starts
 * {@link #LAG} before the previous refresh began, so a transaction that took its timestamp before a refresh and
 * committed after it is still seen, and two nodes refreshing at once converge: whatever one missed, the next refresh
 * recomputes. A rollup of another {@link Tally#FORMAT}, zone or service-level threshold is rebuilt whole.
 */
final class IndicatorRollup {
    /** How far back each refresh looks before the previous one: longer than any write transaction. */
    static final Duration LAG = Duration.ofMinutes(10);
    /** Days recomputed per write transaction. */
    private static final int DAYS_PER_WRITE = 16;
    private static final String STATE_ID = "rollup";

    private final RecordStore store;
    private final ZoneId zone;
    private final long serviceLevelMs;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();

    IndicatorRollup(RecordStore store, ZoneId zone, long serviceLevelMs, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.serviceLevelMs = serviceLevelMs;
        this.clock = clock;
    }

    private record State(int format, String zone, long serviceLevelMs, long scannedTo) { }

    /** What a refresh did: how many days it recomputed and whether it rebuilt everything. */
    record Refreshed(int days, boolean rebuilt) { }

    /** Brings the rollup up to date with the records; one refresh at a time per node. */
    Refreshed refresh() {
        refreshing.lock();
        try {
            long now = clock.millis();
            Optional<State> state = store.read("the indicators' rollup state", this::state);
            if (state.isEmpty() || state.get().format() != Tally.FORMAT || !state.get().zone().equals(zone.getId())
                    || state.get().serviceLevelMs() != serviceLevelMs) {
                return new Refreshed(rebuild(now), true);
            }
            long since = state.get().scannedTo() - LAG.toMillis();
            TreeSet<LocalDate> dirty = store.read("the records changed since " + Instant.ofEpochMilli(since),
                    c -> changedDays(c, since));
            recompute(new ArrayList<>(dirty));
            rollUpEndedMonths();
            saveState(now);
            return new Refreshed(dirty.size(), false);
        } finally {
            refreshing.unlock();
        }
    }

    /** Recomputes every day that has records and drops rows of days that have none; returns the days computed. */
    private int rebuild(long now) {
        long[] span = store.read("the time span of the records", IndicatorRollup::span);
        if (span == null) {
            store.write("the emptied indicators' rollup", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_day")) {
                    ps.executeUpdate();
                }
                return null;
            });
            saveState(now);
            return 0;
        }
        LocalDate first = day(span[0]);
        LocalDate last = day(span[1]);
        store.write("the indicators' rollup outside " + first + " to " + last, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_day WHERE day < ? OR day > ?")) {
                ps.setString(1, first.toString());
                ps.setString(2, last.toString());
                ps.executeUpdate();
            }
            return null;
        });
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        recompute(days);
        saveState(now);
        return days.size();
    }

    /** Recomputes the given days (ascending), a run of consecutive days per read. */
    private void recompute(List<LocalDate> days) {
        int i = 0;
        while (i < days.size()) {
            LocalDate from = days.get(i);
            int j = i;
            while (j + 1 < days.size() && j + 1 - i < DAYS_PER_WRITE && days.get(j + 1).equals(days.get(j).plusDays(1))
                    && days.get(j + 1).getMonth() == from.getMonth()) j++;
            LocalDate to = days.get(j);
            Map<RowKey, Tally> tallies = store.read("the records of " + from + " to " + to, c -> tally(c, from, to));
            store.write("the indicators of " + from + " to " + to, c -> {
                replace(c, from, to, tallies);
                if (from.withDayOfMonth(1).isBefore(currentMonth())) rollUpMonth(c, from.withDayOfMonth(1));
                return null;
            });
            i = j + 1;
        }
    }

    /** The dimension under which a month's sum of a dimension's day rows is kept (day = the month's first day). */
    static String monthly(Dimension d) {
        return d.name() + "_MONTH";
    }

    /** The first day of the month now is in: it has no month rows yet (they would change with every record). */
    private LocalDate currentMonth() {
        return LocalDate.ofInstant(clock.instant(), zone).withDayOfMonth(1);
    }

    /** Writes the month rows of every ended month that has day rows but no month rows yet (a month just ended). */
    private void rollUpEndedMonths() {
        LocalDate current = currentMonth();
        TreeSet<LocalDate> missing = store.read("the months of the indicators' rollup", c -> {
            TreeSet<LocalDate> months = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT day FROM indicator_day WHERE dimension = ? AND day < ?")) {
                ps.setString(1, Dimension.ALL.name());
                ps.setString(2, current.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) months.add(LocalDate.parse(rs.getString(1)).withDayOfMonth(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT day FROM indicator_day WHERE dimension = ?")) {
                ps.setString(1, monthly(Dimension.ALL));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) months.remove(LocalDate.parse(rs.getString(1)));
                }
            }
            return months;
        });
        for (LocalDate month : missing) {
            store.write("the indicators of " + month.getYear() + "-" + month.getMonthValue(), c -> {
                rollUpMonth(c, month);
                return null;
            });
        }
    }

    /** Replaces a month's rows (one per dimension and group) with the sum of its day rows. */
    private void rollUpMonth(Connection c, LocalDate month) throws SQLException {
        LocalDate last = month.plusMonths(1).minusDays(1);
        for (Dimension d : STORED) {
            Map<String, Tally> sums = new HashMap<>();
            readRows(c, d.name(), month, last, null, false, sums);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_day WHERE dimension = ? AND day = ?")) {
                ps.setString(1, monthly(d));
                ps.setString(2, month.toString());
                ps.executeUpdate();
            }
            Map<RowKey, Tally> rows = new HashMap<>();
            sums.forEach((key, t) -> rows.put(new RowKey(d, month, key), t));
            upsert(c, rows, true);
        }
    }

    private static final List<Dimension> STORED = List.of(Dimension.ALL, Dimension.HELPER, Dimension.DEPARTMENT,
            Dimension.ITEM);

    /** One rollup row's identity. */
    record RowKey(Dimension dimension, LocalDate day, String key) { }

    /** Tallies every record that counts on the days from..to, per day and group. Visible for tests. */
    Map<RowKey, Tally> tally(Connection c, LocalDate fromDay, LocalDate toDay) throws SQLException {
        long from = start(fromDay);
        long to = start(toDay.plusDays(1));
        Map<RowKey, Tally> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT helper_id, item_id, department, requested_at, started_at,"
                + " talk_ms, wrap_up_ms FROM case_session WHERE started_at >= ? AND started_at < ?")) {
            try (ResultSet rs = range(ps, from, to)) {
                while (rs.next()) {
                    Long talk = nullableLong(rs, 6);
                    Long wrap = nullableLong(rs, 7);
                    long requested = rs.getLong(4);
                    long started = rs.getLong(5);
                    for (Tally t : tallies(out, started, rs.getString(1), rs.getString(2), rs.getString(3))) {
                        t.session(requested, started, talk, wrap);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT r.helper_id, r.item_id, i.department, r.outcome,"
                + " r.wait_ms, r.ended_at, r.request_id FROM request_outcome r LEFT JOIN service_item i ON i.id = r.item_id"
                + " WHERE r.ended_at >= ? AND r.ended_at < ?")) {
            try (ResultSet rs = range(ps, from, to)) {
                while (rs.next()) {
                    Outcome outcome = Columns.enumValue(Outcome.class, rs.getString(4), "request_outcome", rs.getString(7));
                    long wait = rs.getLong(5);
                    for (Tally t : tallies(out, rs.getLong(6), rs.getString(1), rs.getString(2), rs.getString(3))) {
                        t.request(outcome, wait, serviceLevelMs);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT h.helper_id, s.item_id, s.department, s.result,"
                + " s.created_at, s.number FROM service_case s LEFT JOIN case_helper h ON h.case_number = s.number"
                + " AND h.role = 'PRIMARY' WHERE s.created_at >= ? AND s.created_at < ?")) {
            try (ResultSet rs = range(ps, from, to)) {
                while (rs.next()) {
                    CaseResult result = Columns.enumValue(CaseResult.class, rs.getString(4), "service_case", rs.getString(6));
                    for (Tally t : tallies(out, rs.getLong(5), rs.getString(1), rs.getString(2), rs.getString(3))) {
                        t.caseOpened(result);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.helper_id, s.item_id, s.department, e.score,"
                + " e.excluded, e.created_at FROM evaluation e LEFT JOIN service_case s ON s.number = e.case_number"
                + " WHERE e.created_at >= ? AND e.created_at < ?")) {
            try (ResultSet rs = range(ps, from, to)) {
                while (rs.next()) {
                    int score = rs.getInt(4);
                    boolean excluded = rs.getInt(5) != 0;
                    for (Tally t : tallies(out, rs.getLong(6), rs.getString(1), rs.getString(2), rs.getString(3))) {
                        t.rating(score, excluded);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT f.helper_id, s.item_id, s.department, e.excluded,"
                + " f.contacted_at, f.rectified_at, f.rectify_due_at, f.opened_at FROM evaluation_follow_up f"
                + " JOIN evaluation e ON e.id = f.evaluation_id LEFT JOIN service_case s ON s.number = f.case_number"
                + " WHERE f.opened_at >= ? AND f.opened_at < ?")) {
            try (ResultSet rs = range(ps, from, to)) {
                while (rs.next()) {
                    boolean excluded = rs.getInt(4) != 0;
                    Long contacted = nullableLong(rs, 5);
                    Long rectified = nullableLong(rs, 6);
                    long due = rs.getLong(7);
                    for (Tally t : tallies(out, rs.getLong(8), rs.getString(1), rs.getString(2), rs.getString(3))) {
                        t.followUp(excluded, contacted, rectified, due);
                    }
                }
            }
        }
        return out;
    }

    /** The four tallies one record counts in: its day's total, its helper's, its department's and its item's. */
    private Tally[] tallies(Map<RowKey, Tally> out, long at, String helper, String item, String department) {
        LocalDate d = day(at);
        return new Tally[] {
            out.computeIfAbsent(new RowKey(Dimension.ALL, d, ""), k -> new Tally()),
            out.computeIfAbsent(new RowKey(Dimension.HELPER, d, orNone(helper)), k -> new Tally()),
            out.computeIfAbsent(new RowKey(Dimension.DEPARTMENT, d, orNone(department)), k -> new Tally()),
            out.computeIfAbsent(new RowKey(Dimension.ITEM, d, orNone(item)), k -> new Tally()),
        };
    }

    private static String orNone(String s) {
        return s == null ? "" : s;
    }

    private void replace(Connection c, LocalDate from, LocalDate to, Map<RowKey, Tally> tallies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_day WHERE dimension = ? AND day >= ?"
                + " AND day <= ?")) {
            for (Dimension d : STORED) {
                ps.setString(1, d.name());
                ps.setString(2, from.toString());
                ps.setString(3, to.toString());
                ps.executeUpdate();
            }
        }
        upsert(c, tallies, false);
    }

    /** Writes rollup rows (day rows, or the month rows of {@link #monthly} dimensions), replacing any there. */
    private static void upsert(Connection c, Map<RowKey, Tally> rows, boolean months) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_day (dimension, day, group_key, tally)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (dimension, day, group_key) DO UPDATE SET tally = excluded.tally")) {
            int batched = 0;
            for (Map.Entry<RowKey, Tally> e : rows.entrySet()) {
                Dimension d = e.getKey().dimension();
                ps.setString(1, months ? monthly(d) : d.name());
                ps.setString(2, e.getKey().day().toString());
                ps.setString(3, e.getKey().key());
                ps.setString(4, e.getValue().encode());
                ps.addBatch();
                if (++batched % 1000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The rollup's tallies of one dimension over a range of days, added up per group key, or per day. Whole ended
     * months of the range are read from the month rows, the other days from the day rows: a year is 11 month rows
     * per group and at most ~90 day rows per group (the partial months and the current one) instead of 365.
     *
     * @param onlyKey only this group (a helper's own row); null for all
     * @param perDay  key the result by day (yyyy-MM-dd) instead of by group
     */
    Map<String, Tally> read(Dimension stored, LocalDate from, LocalDate to, String onlyKey, boolean perDay) {
        return store.read("the indicators of " + from + " to " + to, c -> {
            Map<String, Tally> out = new HashMap<>();
            if (perDay) {
                readRows(c, stored.name(), from, to, onlyKey, true, out);
                return out;
            }
            LocalDate firstFull = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate afterFull = to.plusDays(1).withDayOfMonth(1); // the first day of the month after the last full one
            if (afterFull.isAfter(currentMonth())) afterFull = currentMonth();
            if (!firstFull.isBefore(afterFull)) {
                readRows(c, stored.name(), from, to, onlyKey, false, out);
                return out;
            }
            if (from.isBefore(firstFull)) readRows(c, stored.name(), from, firstFull.minusDays(1), onlyKey, false, out);
            readRows(c, monthly(stored), firstFull, afterFull.minusMonths(1), onlyKey, false, out);
            if (!afterFull.isAfter(to)) readRows(c, stored.name(), afterFull, to, onlyKey, false, out);
            return out;
        });
    }

    private static void readRows(Connection c, String dimension, LocalDate from, LocalDate to, String onlyKey,
                                 boolean perDay, Map<String, Tally> out) throws SQLException {
        String sql = "SELECT day, group_key, tally FROM indicator_day WHERE dimension = ?"
                + (onlyKey == null ? "" : " AND group_key = ?") + " AND day >= ? AND day <= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, dimension);
            if (onlyKey != null) ps.setString(i++, onlyKey);
            ps.setString(i++, from.toString());
            ps.setString(i, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = perDay ? rs.getString(1) : rs.getString(2);
                    out.computeIfAbsent(key, k -> new Tally()).addEncoded(rs.getString(3));
                }
            }
        }
    }

    /**
     * Days on which records changed at or after {@code since} count: one query (one round trip), each part an
     * index range of its source.
     */
    private TreeSet<LocalDate> changedDays(Connection c, long since) throws SQLException {
        TreeSet<LocalDate> days = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ended_at FROM request_outcome WHERE ended_at >= ?"
                + " UNION ALL SELECT started_at FROM case_session WHERE started_at >= ?"
                + " UNION ALL SELECT started_at FROM case_session WHERE ended_at >= ?"
                + " UNION ALL SELECT created_at FROM service_case WHERE updated_at >= ?"
                + " UNION ALL SELECT created_at FROM evaluation WHERE created_at >= ?"
                + " UNION ALL SELECT f.opened_at FROM follow_up_step s JOIN evaluation_follow_up f"
                + " ON f.id = s.follow_up_id WHERE s.at >= ?")) {
            for (int i = 1; i <= 6; i++) ps.setLong(i, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) days.add(day(rs.getLong(1)));
            }
        }
        return days;
    }

    /** The earliest and latest instant any record counts on, or null when there are no records. */
    private static long[] span(Connection c) throws SQLException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        String[][] sources = {{"request_outcome", "ended_at"}, {"case_session", "started_at"},
            {"service_case", "created_at"}, {"evaluation", "created_at"}, {"evaluation_follow_up", "opened_at"}};
        for (String[] s : sources) {
            // two queries, so each is a single index lookup on both databases
            for (String f : List.of("MIN", "MAX")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + f + "(" + s[1] + ") FROM " + s[0]);
                     ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        if (!rs.wasNull()) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
        }
        return min == Long.MAX_VALUE ? null : new long[] {min, max};
    }

    private Optional<State> state(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT format, zone, service_level_ms, scanned_to"
                + " FROM indicator_rollup_state WHERE id = ?")) {
            ps.setString(1, STATE_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new State(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        }
    }

    private void saveState(long scannedTo) {
        store.write("the indicators' rollup state", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_rollup_state (id, format, zone,"
                    + " service_level_ms, scanned_to) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " format = excluded.format, zone = excluded.zone, service_level_ms = excluded.service_level_ms,"
                    + " scanned_to = excluded.scanned_to")) {
                ps.setString(1, STATE_ID);
                ps.setInt(2, Tally.FORMAT);
                ps.setString(3, zone.getId());
                ps.setLong(4, serviceLevelMs);
                ps.setLong(5, scannedTo);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static ResultSet range(PreparedStatement ps, long from, long to) throws SQLException {
        ps.setLong(1, from);
        ps.setLong(2, to);
        ps.setFetchSize(5000);
        return ps.executeQuery();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    LocalDate day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    long start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
