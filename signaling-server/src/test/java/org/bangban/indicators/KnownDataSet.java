package org.bangban.indicators;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.bangban.store.RecordStore;

/**
 * A small case log whose indicators are worked out by hand in {@link IndicatorsContract}: two days in Shanghai,
 * 2026-11-24 (D1) and 2026-11-25 (D2), two helpers, two items of two departments. Written with plain SQL into the
 * V1–V5 tables, as the session feed, the case log and the evaluations would have written them.
 *
 * <p>Durations are chosen so the histograms report them exactly: below 1,024 ms every value is exact; above, a
 * percentile is the midpoint of a bucket 1/512 of a power of two wide, and 7.5, 15, 30, 60, 120, 240, 480 and 960 s
 * are such midpoints (e.g. 30 s = 937 × 32 ms + 16 ms). {@link HistogramTest} covers arbitrary values.
 *
 * <pre>
 * sessions (case_session), response = started − requested; handling = talk + wrap-up
 *   S1 D1 10:00 h1 item-a 人社局     response  15 s  handling 180+60 = 240 s
 *   S2 D1 11:00 h1 item-b 市场监管局 response  30 s  handling 480+0  = 480 s
 *   S3 D2 09:00 h2 item-a 人社局     response 120 s  live (no handling yet)
 *   S4 D2 14:00 h2 item-b 市场监管局 response  60 s  handling 900+60 = 960 s
 *   S5 2026-11-26 00:00 (outside the range; 2026-11-25 16:00 UTC, inside a UTC-day range)
 * requests (request_outcome), by ended_at; department from the item
 *   R1 D1 10:00 PAIRED h1 item-a wait 15 s     R5 D2 14:00 PAIRED h2 item-b wait 60 s (= threshold: within)
 *   R2 D1 11:00 PAIRED h1 item-b wait 30 s     R6 D2 15:00 ABANDONED item-b wait 7.5 s
 *   R3 D1 12:00 ABANDONED item-a wait 120 s    R7 D2 16:00 CANCELLED item-a wait 30 s
 *   R4 D2 09:00 PAIRED h2 item-a wait 120 s    R8 D2 17:00 CALLBACK  item-b wait 0
 *   R9 2026-11-23 23:59:59.999 PAIRED h1 item-a (outside the range)
 * cases (service_case + its PRIMARY case_helper), by created_at
 *   C1 D1 item-a h1 RESOLVED   C2 D1 item-b h1 PARTLY_RESOLVED   C3 D2 item-a h2 NOT_RESOLVED
 *   C4 D2 item-b h2 (no result yet)   C5 D2 item-a no helper RESOLVED (a service-hall case entered by staff)
 * ratings (evaluation), by created_at; item and department from the case
 *   E1 D1 h1 C1 5   E2 D1 h1 C2 2 (bad: F1)   E3 D2 h2 C3 1 (bad: F2)   E4 D2 h2 C4 4
 *   E5 D2 h2 C3 1 (bad: F3) appeal upheld, excluded   E6 D2 h2 C4 3   E7 D2 h2 C4 2 (bad: F4)
 * follow-ups (evaluation_follow_up), by opened_at = the rating's time
 *   F1 contacted, rectified a day before its deadline   F2 not contacted, not rectified
 *   F3 (excluded) contacted, rectified late              F4 contacted, rectified exactly at its deadline (late)
 * </pre>
 */
final class KnownDataSet {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D1 = LocalDate.of(2026, 11, 24);
    static final LocalDate D2 = LocalDate.of(2026, 11, 25);
    static final String ITEM_A = "item-a";
    static final String ITEM_A_NAME = "社保, \"参保\"登记";
    static final String ITEM_B = "item-b";
    static final String ITEM_B_NAME = "个体工商户注册";
    static final String DEPT_A = "人社局";
    static final String DEPT_B = "市场监管局";

    private final String h1;
    private final String h2;

    /** @param h1 the first helper's staff id, @param h2 the second's */
    KnownDataSet(String h1, String h2) {
        this.h1 = h1;
        this.h2 = h2;
    }

    static long at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    static Instant instant(LocalDate day, int hour, int minute) {
        return Instant.ofEpochMilli(at(day, hour, minute));
    }

    void insert(RecordStore store, boolean withItems) {
        store.write("the known data set", c -> {
            if (withItems) {
                item(c, ITEM_A, ITEM_A_NAME, DEPT_A);
                item(c, ITEM_B, ITEM_B_NAME, DEPT_B);
            }
            session(c, "S1", h1, ITEM_A, DEPT_A, at(D1, 10, 0), 15_000, 180_000L, 60_000L);
            session(c, "S2", h1, ITEM_B, DEPT_B, at(D1, 11, 0), 30_000, 480_000L, 0L);
            session(c, "S3", h2, ITEM_A, DEPT_A, at(D2, 9, 0), 120_000, null, null);
            session(c, "S4", h2, ITEM_B, DEPT_B, at(D2, 14, 0), 60_000, 900_000L, 60_000L);
            session(c, "S5", h1, ITEM_A, DEPT_A, at(D2.plusDays(1), 0, 0), 30_000, 60_000L, 0L);

            request(c, "R1", "PAIRED", h1, ITEM_A, 15_000, at(D1, 10, 0));
            request(c, "R2", "PAIRED", h1, ITEM_B, 30_000, at(D1, 11, 0));
            request(c, "R3", "ABANDONED", null, ITEM_A, 120_000, at(D1, 12, 0));
            request(c, "R4", "PAIRED", h2, ITEM_A, 120_000, at(D2, 9, 0));
            request(c, "R5", "PAIRED", h2, ITEM_B, 60_000, at(D2, 14, 0));
            request(c, "R6", "ABANDONED", null, ITEM_B, 7_500, at(D2, 15, 0));
            request(c, "R7", "CANCELLED", null, ITEM_A, 30_000, at(D2, 16, 0));
            request(c, "R8", "CALLBACK", null, ITEM_B, 0, at(D2, 17, 0));
            request(c, "R9", "PAIRED", h1, ITEM_A, 15_000, at(D1, 0, 0) - 1);

            serviceCase(c, "BB-20261124-000001", ITEM_A, DEPT_A, "RESOLVED", h1, at(D1, 10, 0));
            serviceCase(c, "BB-20261124-000002", ITEM_B, DEPT_B, "PARTLY_RESOLVED", h1, at(D1, 11, 0));
            serviceCase(c, "BB-20261125-000001", ITEM_A, DEPT_A, "NOT_RESOLVED", h2, at(D2, 9, 0));
            serviceCase(c, "BB-20261125-000002", ITEM_B, DEPT_B, null, h2, at(D2, 14, 0));
            serviceCase(c, "BB-20261125-000003", ITEM_A, DEPT_A, "RESOLVED", null, at(D2, 15, 0));

            rating(c, "E1", h1, "BB-20261124-000001", 5, false, at(D1, 10, 30));
            rating(c, "E2", h1, "BB-20261124-000002", 2, false, at(D1, 11, 30));
            rating(c, "E3", h2, "BB-20261125-000001", 1, false, at(D2, 9, 30));
            rating(c, "E4", h2, "BB-20261125-000002", 4, false, at(D2, 14, 30));
            rating(c, "E5", h2, "BB-20261125-000001", 1, true, at(D2, 9, 40));
            rating(c, "E6", h2, "BB-20261125-000002", 3, false, at(D2, 14, 40));
            rating(c, "E7", h2, "BB-20261125-000002", 2, false, at(D2, 14, 50));

            long due1 = at(D1.plusDays(21), 11, 30);
            followUp(c, "F1", "E2", h1, "BB-20261124-000002", at(D1, 11, 30), at(D1, 15, 0), due1 - 86_400_000L, due1);
            followUp(c, "F2", "E3", h2, "BB-20261125-000001", at(D2, 9, 30), null, null, at(D2.plusDays(21), 9, 30));
            long due3 = at(D2.plusDays(21), 9, 40);
            followUp(c, "F3", "E5", h2, "BB-20261125-000001", at(D2, 9, 40), at(D2, 10, 0), due3 + 1, due3);
            long due4 = at(D2.plusDays(21), 14, 50);
            followUp(c, "F4", "E7", h2, "BB-20261125-000002", at(D2, 14, 50), at(D2, 16, 0), due4, due4);
            return null;
        });
    }

    static void item(Connection c, String id, String name, String department) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_item (id, name_zh, category, department)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, "测试");
            ps.setString(4, department);
            ps.executeUpdate();
        }
    }

    static void session(Connection c, String id, String helper, String item, String dept, long requestedAt,
                        long responseMs, Long talkMs, Long wrapUpMs) throws SQLException {
        long started = requestedAt + responseMs;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_session (session_id, case_number, request_id,"
                + " applicant_id, helper_id, item_id, department, queue, kind, priority, requested_at, started_at,"
                + " wait_ms, ended_at, talk_ms, wrap_up_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "BB-00000000-000000");
            ps.setString(3, "req-" + id);
            ps.setString(4, "guest:" + id);
            ps.setString(5, helper);
            ps.setString(6, item);
            ps.setString(7, dept);
            ps.setString(8, "q");
            ps.setString(9, "ASSIST");
            ps.setString(10, "NORMAL");
            ps.setLong(11, requestedAt);
            ps.setLong(12, started);
            ps.setLong(13, responseMs);
            setLong(ps, 14, talkMs == null ? null : started + talkMs);
            setLong(ps, 15, talkMs);
            setLong(ps, 16, wrapUpMs);
            ps.executeUpdate();
        }
    }

    static void request(Connection c, String id, String outcome, String helper, String item, long waitMs, long endedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_outcome (request_id, applicant_id, item_id,"
                + " queue, kind, priority, outcome, helper_id, wait_ms, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "guest:" + id);
            ps.setString(3, item);
            ps.setString(4, "q");
            ps.setString(5, "ASSIST");
            ps.setString(6, "NORMAL");
            ps.setString(7, outcome);
            ps.setString(8, helper);
            ps.setLong(9, waitMs);
            ps.setLong(10, endedAt);
            ps.executeUpdate();
        }
    }

    static void serviceCase(Connection c, String number, String item, String dept, String result, String helper,
                            long createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_case (number, applicant_id, item_id,"
                + " department, kind, channel, priority, state, result, created_by, created_at, updated_at, last_seq)"
                + " VALUES (?, ?, ?, ?, 'ASSIST', 'ONLINE', 'NORMAL', ?, ?, 'system', ?, ?, 1)")) {
            ps.setString(1, number);
            ps.setString(2, "guest:" + number);
            ps.setString(3, item);
            ps.setString(4, dept);
            ps.setString(5, result == null ? "GUIDED_HANDLING" : "CLOSED");
            ps.setString(6, result);
            ps.setLong(7, createdAt);
            ps.setLong(8, createdAt);
            ps.executeUpdate();
        }
        if (helper == null) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_helper (case_number, helper_id, role, since)"
                + " VALUES (?, ?, 'PRIMARY', ?)")) {
            ps.setString(1, number);
            ps.setString(2, helper);
            ps.setLong(3, createdAt);
            ps.executeUpdate();
        }
    }

    static void rating(Connection c, String id, String helper, String caseNumber, int score, boolean excluded,
                       long createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation (id, session_id, case_number,"
                + " applicant_id, helper_id, level, score, created_at, created_day, session_ended_at, excluded)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "session-" + id);
            ps.setString(3, caseNumber);
            ps.setString(4, "guest:" + id);
            ps.setString(5, helper);
            ps.setString(6, org.bangban.evaluation.RatingLevel.ofScore(score).name());
            ps.setInt(7, score);
            ps.setLong(8, createdAt);
            ps.setString(9, LocalDate.ofInstant(Instant.ofEpochMilli(createdAt), SHANGHAI).toString());
            ps.setLong(10, createdAt - 60_000);
            ps.setInt(11, excluded ? 1 : 0);
            ps.executeUpdate();
        }
    }

    static void followUp(Connection c, String id, String evaluationId, String helper, String caseNumber, long openedAt,
                         Long contactedAt, Long rectifiedAt, long rectifyDueAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_follow_up (id, evaluation_id,"
                + " case_number, applicant_id, helper_id, state, opened_at, contact_due_at, rectify_due_at,"
                + " contacted_at, rectified_at, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
            ps.setString(1, id);
            ps.setString(2, evaluationId);
            ps.setString(3, caseNumber);
            ps.setString(4, "guest:" + evaluationId);
            ps.setString(5, helper);
            ps.setString(6, "AWAITING_CONTACT");
            ps.setLong(7, openedAt);
            ps.setLong(8, openedAt + 86_400_000L);
            ps.setLong(9, rectifyDueAt);
            setLong(ps, 10, contactedAt);
            setLong(ps, 11, rectifiedAt);
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) ps.setNull(index, java.sql.Types.BIGINT);
        else ps.setLong(index, value);
    }
}
