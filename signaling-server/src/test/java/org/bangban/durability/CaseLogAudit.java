package org.bangban.durability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangban.cases.ActorRole;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CaseNumber;
import org.bangban.cases.CasePayloads;
import org.bangban.cases.CaseReplay;
import org.bangban.cases.CaseResult;
import org.bangban.cases.CaseState;
import org.bangban.cases.CaseStatus;
import org.bangban.cases.HelperRole;
import org.bangban.cases.TerminationReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * Reads the whole case log as committed (bulk SQL on one connection) and lists everything wrong with it after a
 * crash, given what the killed writers acknowledged:
 * <ul>
 *   <li>every acknowledged event is there with the payload whose SHA-256 was acknowledged;</li>
 *   <li>every case's events are seq 1..n without gaps, start with CREATED, replay ({@link CaseReplay}) without
 *   error, and the replay agrees with the case's row (status, helpers, last seq, created / updated / closed times);
 *   no event without a case, no case without events;</li>
 *   <li>case numbers: per day, exactly 1..{@code case_counter.last}, no gaps, no repeats;</li>
 *   <li>nothing beyond what a write could have committed: an event nobody acknowledged must be the work of the
 *   operation right after its writer's last acknowledged one (committed, then killed before the ACK was printed)
 *   — at most one such operation per writer and run.</li>
 * </ul>
 */
final class CaseLogAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("r(\\d+)-w(\\d+)-o(\\d+)");

    /** An event's identity. */
    record EventKey(String caseNumber, long seq) {
    }

    /** Which operation of which writer of which run wrote an event. */
    record Op(int run, int writer, int op) {
        WriterRun writerRun() {
            return new WriterRun(run, writer);
        }
    }

    record WriterRun(int run, int writer) {
    }

    /** What the audit found. */
    record Findings(List<String> problems, int cases, int events, int acknowledged, Map<Integer, Integer>
            unacknowledgedByRun) {
        int unacknowledged(int run) {
            return unacknowledgedByRun.getOrDefault(run, 0);
        }
    }

    private record Row(String number, CaseStatus status, long lastSeq, Instant createdAt, Instant updatedAt,
                       Instant closedAt) {
    }

    private record Stored(CaseEvent event, String sha) {
    }

    private CaseLogAudit() {
    }

    /**
     * Audits the committed case log against every ACK so far (key → payload SHA-256), reading it in one snapshot:
     * on PostgreSQL a COMMIT the killed child sent just before it died may still complete after the kill, and
     * statements in separate snapshots would see its event missing but its case row updated.
     */
    static Findings audit(Connection c, Map<EventKey, String> acked) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        boolean postgres = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        if (postgres) c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false); // SQLite (WAL): a read transaction is a snapshot too
        try {
            return auditSnapshot(c, acked);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
            if (postgres) c.setTransactionIsolation(isolation);
        }
    }

    private static Findings auditSnapshot(Connection c, Map<EventKey, String> acked) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, List<Stored>> events = events(c);
        Map<String, Row> rows = rows(c);
        Map<String, Map<String, HelperRole>> helpers = helpers(c);
        int eventCount = events.values().stream().mapToInt(List::size).sum();

        Map<EventKey, Stored> byKey = new HashMap<>();
        events.values().forEach(list -> list.forEach(s -> byKey.put(
                new EventKey(s.event().caseNumber(), s.event().seq()), s)));
        for (Map.Entry<EventKey, String> a : acked.entrySet()) {
            Stored s = byKey.get(a.getKey());
            if (s == null) problems.add("acknowledged event " + a.getKey() + " is missing");
            else if (!s.sha().equals(a.getValue())) {
                problems.add("acknowledged event " + a.getKey() + " has another payload: " + s.event().payload());
            }
        }

        for (Row row : rows.values()) checkCase(row, events.get(row.number()), helpers, problems);
        for (String number : events.keySet()) {
            if (!rows.containsKey(number)) problems.add("events of case " + number + " but no case row");
        }
        checkNumbers(c, rows.keySet(), problems);
        Map<Integer, Integer> unacked = checkUnacknowledged(events, byKey, acked, problems);
        return new Findings(problems, rows.size(), eventCount, acked.size(), unacked);
    }

    private static void checkCase(Row row, List<Stored> stored, Map<String, Map<String, HelperRole>> helpers,
                                  List<String> problems) {
        String n = row.number();
        if (stored == null || stored.isEmpty()) {
            problems.add("case " + n + " has no events");
            return;
        }
        List<CaseEvent> log = stored.stream().map(Stored::event).toList();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).seq() != i + 1) {
                problems.add("case " + n + ": event #" + (i + 1) + " is seq " + log.get(i).seq() + " (a gap)");
                return;
            }
        }
        CaseReplay.Replayed replayed;
        try {
            replayed = CaseReplay.replay(log);
        } catch (RuntimeException e) {
            problems.add("case " + n + ": its events do not replay: " + e.getMessage());
            return;
        }
        expectSame(problems, n, "last_seq", row.lastSeq(), replayed.lastSeq());
        expectSame(problems, n, "status", row.status(), replayed.status());
        expectSame(problems, n, "helpers", helpers.getOrDefault(n, Map.of()), replayed.helpers());
        expectSame(problems, n, "created_at", row.createdAt(), replayed.createdAt());
        expectSame(problems, n, "updated_at", row.updatedAt(), replayed.updatedAt());
        expectSame(problems, n, "closed_at", row.closedAt(), replayed.closedAt());
    }

    private static void expectSame(List<String> problems, String number, String what, Object row, Object events) {
        if (!Objects.equals(row, events)) {
            problems.add("case " + number + ": the row's " + what + " is " + row + " but its events say " + events);
        }
    }

    /** Per day: the case numbers are exactly 1..last of the day's counter. */
    private static void checkNumbers(Connection c, Iterable<String> numbers, List<String> problems)
            throws SQLException {
        Map<String, Long> last = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT day, last FROM case_counter")) {
            while (rs.next()) last.put(rs.getString(1), rs.getLong(2));
        }
        Map<String, List<Integer>> byDay = new TreeMap<>();
        for (String number : numbers) {
            CaseNumber parsed = CaseNumber.parse(number);
            byDay.computeIfAbsent(CaseNumber.dayKey(parsed.day()), d -> new ArrayList<>()).add(parsed.counter());
        }
        for (String day : union(last.keySet(), byDay.keySet())) {
            List<Integer> counters = byDay.getOrDefault(day, List.of()).stream().sorted().toList();
            long expected = last.getOrDefault(day, 0L);
            boolean gapless = counters.size() == expected;
            for (int i = 0; gapless && i < counters.size(); i++) gapless = counters.get(i) == i + 1;
            if (!gapless) {
                problems.add("case numbers of " + day + ": the counter says " + expected + " were given out, the"
                        + " cases have " + counters.size() + " numbers (" + summary(counters) + ")");
            }
        }
    }

    /**
     * Every event nobody acknowledged must come from the operation after its writer's last acknowledged one.
     *
     * @return run → how many such committed-but-unacknowledged events it left
     */
    private static Map<Integer, Integer> checkUnacknowledged(Map<String, List<Stored>> events,
                                                             Map<EventKey, Stored> byKey,
                                                             Map<EventKey, String> acked, List<String> problems) {
        Map<WriterRun, Integer> lastAcked = new HashMap<>();
        for (EventKey k : acked.keySet()) {
            Stored s = byKey.get(k);
            if (s == null) continue; // reported as missing
            Op op = opOf(s.event(), events);
            if (op != null) lastAcked.merge(op.writerRun(), op.op(), Math::max);
        }
        Map<Integer, Integer> unacked = new TreeMap<>();
        for (Map.Entry<EventKey, Stored> e : byKey.entrySet()) {
            if (acked.containsKey(e.getKey())) continue;
            Op op = opOf(e.getValue().event(), events);
            if (op == null) {
                problems.add("event " + e.getKey() + " was written by nobody: no writer's marker in "
                        + e.getValue().event().payload());
                continue;
            }
            int allowed = lastAcked.getOrDefault(op.writerRun(), 0) + 1;
            if (op.op() != allowed) {
                problems.add("event " + e.getKey() + " of " + op + " was never acknowledged, yet that writer's"
                        + " last acknowledged operation was " + (allowed - 1)
                        + ": only the operation in flight at the kill (" + allowed + ") may be committed unseen");
            }
            unacked.merge(op.run(), 1, Integer::sum);
        }
        return unacked;
    }

    /** The writer's marker of an event (a HELPER_ASSIGNED at seq 2 belongs to the opening, i.e. to CREATED). */
    private static Op opOf(CaseEvent e, Map<String, List<Stored>> events) {
        ObjectNode p = e.payload();
        String marker;
        if (e.type() == CaseEventType.CREATED) marker = CasePayloads.text(p, CasePayloads.REQUEST_ID);
        else if (e.type() == CaseEventType.HELPER_ASSIGNED && e.seq() == 2) {
            return opOf(events.get(e.caseNumber()).get(0).event(), events);
        } else if (p.has("marker")) marker = CasePayloads.text(p, "marker");
        else marker = CasePayloads.text(p, CasePayloads.NOTE);
        if (marker == null) return null;
        Matcher m = MARKER.matcher(marker);
        if (!m.matches()) return null;
        return new Op(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    // ---- reading the committed log ----

    private static Map<String, List<Stored>> events(Connection c) throws SQLException {
        Map<String, List<Stored>> byCase = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT case_number, seq, at, actor_id,"
                + " actor_role, type, payload FROM case_event ORDER BY case_number, seq")) {
            while (rs.next()) {
                String payload = rs.getString("payload");
                CaseEvent e = new CaseEvent(rs.getString("case_number"), rs.getLong("seq"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor_id"),
                        ActorRole.valueOf(rs.getString("actor_role")), CaseEventType.valueOf(rs.getString("type")),
                        object(payload));
                byCase.computeIfAbsent(e.caseNumber(), n -> new ArrayList<>()).add(new Stored(e,
                        Acks.sha256(payload.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return byCase;
    }

    private static Map<String, Row> rows(Connection c) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT number, kind, state, priority,"
                + " result, termination_reason, last_seq, created_at, updated_at, closed_at FROM service_case")) {
            while (rs.next()) {
                CaseStatus status = new CaseStatus(ServiceKind.valueOf(rs.getString("kind")),
                        CaseState.valueOf(rs.getString("state")), PriorityClass.valueOf(rs.getString("priority")),
                        enumOrNull(CaseResult.class, rs.getString("result")),
                        enumOrNull(TerminationReason.class, rs.getString("termination_reason")));
                long closed = rs.getLong("closed_at");
                Instant closedAt = rs.wasNull() ? null : Instant.ofEpochMilli(closed);
                rows.put(rs.getString("number"), new Row(rs.getString("number"), status, rs.getLong("last_seq"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                        closedAt));
            }
        }
        return rows;
    }

    private static Map<String, Map<String, HelperRole>> helpers(Connection c) throws SQLException {
        Map<String, Map<String, HelperRole>> byCase = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT case_number, helper_id, role FROM case_helper")) {
            while (rs.next()) {
                byCase.computeIfAbsent(rs.getString(1), n -> new TreeMap<>()).put(rs.getString(2),
                        HelperRole.valueOf(rs.getString(3)));
            }
        }
        return byCase;
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new AssertionError("a stored payload is not a JSON object: " + json, e);
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static List<String> union(Iterable<String> a, Iterable<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return new ArrayList<>(all);
    }

    private static String summary(List<Integer> sorted) {
        if (sorted.isEmpty()) return "none";
        return sorted.size() <= 10 ? sorted.toString() : "from " + sorted.get(0) + " to " + sorted.get(sorted.size() - 1);
    }
}
