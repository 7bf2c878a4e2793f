package org.bangban.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;
import org.bangban.store.Columns;
import org.bangban.store.RecordStoreException;

/** The SQL of the case log: reading and writing rows of service_case, case_event and case_helper. */
final class CaseRows {
    static final String CASE_COLUMNS = "number, applicant_id, applicant_name_enc, applicant_id_number_enc,"
            + " applicant_phone_enc, applicant_name_masked, applicant_id_number_masked, applicant_phone_masked, item_id, department, kind, channel, priority, green_reason, description,"
            + " request_id, state, result, termination_reason, created_by, created_at, updated_at, closed_at,"
            + " last_seq";
    private static final String EVENT_COLUMNS = "case_number, seq, at, actor_id, actor_role, type, payload";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealNameCipher cipher;

    CaseRows(RealNameCipher cipher) {
        this.cipher = cipher;
    }

    /** A service_case row as read: the record without helpers, plus the encrypted real-name columns. */
    record CaseRow(String number, String applicantId, String nameEnc, String idNumberEnc, String phoneEnc,
                   MaskedRealName masked, String itemId, String department, ServiceKind kind, Channel channel, PriorityClass priority,
                   GreenReason greenReason, String description, String requestId, CaseState state, CaseResult result,
                   TerminationReason terminationReason, String createdBy, Instant createdAt, Instant updatedAt,
                   Instant closedAt, long lastSeq) {
        CaseStatus status() {
            return new CaseStatus(kind, state, priority, result, terminationReason);
        }
    }

    // ---- service_case ----

    /** The row of a case; on PostgreSQL {@code forUpdate} locks it until the transaction ends. */
    Optional<CaseRow> caseRow(Connection c, String number, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM service_case WHERE number = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(caseRow(rs)) : Optional.empty();
            }
        }
    }

    Optional<String> numberOfRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT number FROM service_case WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts a new case; false when one already exists for its request id. */
    boolean insertCase(Connection c, String number, NewCase n, CaseStatus status, Actor actor, Instant now,
                       long lastSeq) throws SQLException {
        RealName rn = n.realName();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_case (" + CASE_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            int i = 0;
            ps.setString(++i, number);
            ps.setString(++i, n.applicantId());
            ps.setString(++i, rn == null ? null : cipher.encrypt(rn.name(), context(number, "name")));
            ps.setString(++i, rn == null ? null : cipher.encrypt(rn.idNumber(), context(number, "id_number")));
            ps.setString(++i, rn == null ? null : cipher.encrypt(rn.phone(), context(number, "phone")));
            MaskedRealName masked = rn == null ? MaskedRealName.NONE : rn.masked();
            ps.setString(++i, masked.name());
            ps.setString(++i, masked.idNumber());
            ps.setString(++i, masked.phone());
            ps.setString(++i, n.itemId());
            ps.setString(++i, n.department());
            ps.setString(++i, status.kind().name());
            ps.setString(++i, n.channel().name());
            ps.setString(++i, status.priority().name());
            ps.setString(++i, n.greenReason() == null ? null : n.greenReason().name());
            ps.setString(++i, n.description());
            ps.setString(++i, n.requestId());
            ps.setString(++i, status.state().name());
            ps.setString(++i, null);
            ps.setString(++i, null);
            ps.setString(++i, actor.id());
            ps.setLong(++i, now.toEpochMilli());
            ps.setLong(++i, now.toEpochMilli());
            ps.setNull(++i, Types.BIGINT);
            ps.setLong(++i, lastSeq);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Writes a case's new status and latest seq, guarded by the {@code last_seq} of the row as read (and, on
     * PostgreSQL, locked): a row changed meanwhile is not overwritten.
     */
    void updateCase(Connection c, CaseRow row, CaseStatus next, Instant now, long newSeq) throws SQLException {
        Instant closedAt = row.closedAt() != null ? row.closedAt() : next.state().isFinal() ? now : null;
        try (PreparedStatement ps = c.prepareStatement("UPDATE service_case SET kind = ?, state = ?, result = ?,"
                + " termination_reason = ?, updated_at = ?, closed_at = ?, last_seq = ?"
                + " WHERE number = ? AND last_seq = ?")) {
            ps.setString(1, next.kind().name());
            ps.setString(2, next.state().name());
            ps.setString(3, next.result() == null ? null : next.result().name());
            ps.setString(4, next.terminationReason() == null ? null : next.terminationReason().name());
            ps.setLong(5, now.toEpochMilli());
            if (closedAt == null) ps.setNull(6, Types.BIGINT);
            else ps.setLong(6, closedAt.toEpochMilli());
            ps.setLong(7, newSeq);
            ps.setString(8, row.number());
            ps.setLong(9, row.lastSeq());
            if (ps.executeUpdate() != 1) {
                throw new RecordStoreException("case " + row.number() + " changed while it was being updated (its"
                        + " latest event is no longer #" + row.lastSeq() + "); nothing was written, try again");
            }
        }
    }

    /** The real-name data of a case, decrypted. */
    RealName realName(CaseRow row) {
        return new RealName(cipher.decrypt(row.nameEnc(), context(row.number(), "name")),
                cipher.decrypt(row.idNumberEnc(), context(row.number(), "id_number")),
                cipher.decrypt(row.phoneEnc(), context(row.number(), "phone")));
    }

    CaseRecord record(CaseRow r, List<CaseHelper> helpers) {
        return new CaseRecord(r.number(), r.applicantId(), r.masked(), r.itemId(), r.department(), r.kind(), r.channel(),
                r.priority(), r.greenReason(), r.state(), r.result(), r.terminationReason(), r.createdBy(),
                r.createdAt(), r.updatedAt(), r.closedAt(), r.lastSeq(), r.requestId(), r.description(), helpers);
    }

    CaseRow caseRow(ResultSet rs) throws SQLException {
        String n = rs.getString("number");
        return new CaseRow(n, rs.getString("applicant_id"), rs.getString("applicant_name_enc"),
                rs.getString("applicant_id_number_enc"), rs.getString("applicant_phone_enc"),
                new MaskedRealName(rs.getString("applicant_name_masked"), rs.getString("applicant_id_number_masked"),
                        rs.getString("applicant_phone_masked")), rs.getString("item_id"),
                rs.getString("department"), e(ServiceKind.class, rs.getString("kind"), n),
                e(Channel.class, rs.getString("channel"), n), e(PriorityClass.class, rs.getString("priority"), n),
                e(GreenReason.class, rs.getString("green_reason"), n), rs.getString("description"),
                rs.getString("request_id"), e(CaseState.class, rs.getString("state"), n),
                e(CaseResult.class, rs.getString("result"), n),
                e(TerminationReason.class, rs.getString("termination_reason"), n), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                instantOrNull(rs, "closed_at"), rs.getLong("last_seq"));
    }

    // ---- case_event ----

    /** Inserts an event whose payload is already JSON text ({@link #json}). */
    /**
     * Takes the next event number of a case for an event that changes nothing else about it, in one statement that
     * also takes the row's lock (PostgreSQL) until the transaction ends: the caller inserts the event with it.
     *
     * @return the new event's seq, or empty when there is no such case
     */
    java.util.OptionalLong nextSeq(Connection c, String number, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE service_case SET last_seq = last_seq + 1,"
                + " updated_at = ? WHERE number = ? RETURNING last_seq")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    void insertEvent(Connection c, String number, long seq, Instant at, Actor actor, CaseEventType type,
                     String payloadJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_event (" + EVENT_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, number);
            ps.setLong(2, seq);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, actor.id());
            ps.setString(5, actor.role().name());
            ps.setString(6, type.name());
            ps.setString(7, payloadJson);
            ps.executeUpdate();
        }
    }

    /** A case's events in order; only those of {@code type} unless it is null. */
    List<CaseEvent> events(Connection c, String number, CaseEventType type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM case_event"
                + " WHERE case_number = ?" + (type == null ? "" : " AND type = ?") + " ORDER BY seq")) {
            ps.setString(1, number);
            if (type != null) ps.setString(2, type.name());
            try (ResultSet rs = ps.executeQuery()) {
                List<CaseEvent> events = new ArrayList<>();
                while (rs.next()) {
                    String where = number + "#" + rs.getLong("seq");
                    events.add(new CaseEvent(rs.getString("case_number"), rs.getLong("seq"),
                            Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor_id"),
                            e(ActorRole.class, rs.getString("actor_role"), where, "case_event"),
                            e(CaseEventType.class, rs.getString("type"), where, "case_event"),
                            payload(rs.getString("payload"), where)));
                }
                return events;
            }
        }
    }

    static String json(ObjectNode payload) {
        try {
            return JSON.writeValueAsString(payload == null ? CasePayloads.object() : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event payload cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode payload(String text, String where) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode o) return o;
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new RecordStoreException("event " + where + " of table case_event holds a payload that is not a JSON"
                + " object; was the database edited by hand?");
    }

    // ---- case_helper ----

    /** Adds a helper, or changes the role of one already there. */
    void upsertHelper(Connection c, String number, String helperId, HelperRole role, Instant since)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_helper (case_number, helper_id, role, since)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (case_number, helper_id)"
                + " DO UPDATE SET role = excluded.role, since = excluded.since")) {
            ps.setString(1, number);
            ps.setString(2, helperId);
            ps.setString(3, role.name());
            ps.setLong(4, since.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The helpers of the given cases, by case number; each list ordered by since, then helper id. */
    Map<String, List<CaseHelper>> helpers(Connection c, List<String> numbers) throws SQLException {
        Map<String, List<CaseHelper>> byCase = new LinkedHashMap<>();
        for (String n : numbers) byCase.put(n, new ArrayList<>());
        if (numbers.isEmpty()) return byCase;
        String marks = String.join(", ", Collections.nCopies(numbers.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT case_number, helper_id, role, since FROM case_helper"
                + " WHERE case_number IN (" + marks + ") ORDER BY since, helper_id")) {
            for (int i = 0; i < numbers.size(); i++) ps.setString(i + 1, numbers.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString("case_number");
                    byCase.get(n).add(new CaseHelper(rs.getString("helper_id"),
                            e(HelperRole.class, rs.getString("role"), n, "case_helper"),
                            Instant.ofEpochMilli(rs.getLong("since"))));
                }
            }
        }
        return byCase;
    }

    // ---- case_counter ----

    /** The next counter of a day (1 for its first case), allocated in the caller's transaction. */
    long nextCounter(Connection c, String day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_counter (day, last) VALUES (?, 1)"
                + " ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last")) {
            ps.setString(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("the case counter of " + day + " returned no value");
                return rs.getLong(1);
            }
        }
    }

    // ---- helpers ----

    static String context(String number, String field) {
        return number + "/" + field;
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static <E extends Enum<E>> E e(Class<E> type, String stored, String number) {
        return Columns.enumValue(type, stored, "service_case", number);
    }

    private static <E extends Enum<E>> E e(Class<E> type, String stored, String rowId, String table) {
        return Columns.enumValue(type, stored, table, rowId);
    }
}
