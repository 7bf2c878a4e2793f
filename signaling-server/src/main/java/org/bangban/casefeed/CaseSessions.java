package org.bangban.casefeed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;
import org.bangban.store.Columns;
import org.bangban.store.Dialect;
import org.bangban.store.RecordStore;

/**
 * The tables of V5: {@code case_request} (which case each help request belongs to) and {@code case_session} (one row
 * per assistance session). Every write takes the caller's connection, to go in one transaction with the case's
 * events (see {@link CaseFeed}); reads have a variant of their own.
 */
public final class CaseSessions {
    /** The media a session can use, in the order they are listed. */
    public static final List<String> MEDIA = List.of("audio", "video", "screen");
    private static final String COLUMNS = "session_id, case_number, request_id, applicant_id, helper_id, item_id,"
            + " department, queue, kind, priority, requested_at, started_at, wait_ms, ended_at, talk_ms, wrap_up_ms,"
            + " end_reason, ended_by, media";

    private final RecordStore store;

    public CaseSessions(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    // ---- case_request ----

    /** Maps a help request to its case; a request already mapped keeps its case (false then). */
    public boolean mapRequest(Connection c, String requestId, String caseNumber, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_request (request_id, case_number, created_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (request_id) DO NOTHING")) {
            ps.setString(1, requestId);
            ps.setString(2, caseNumber);
            ps.setLong(3, at);
            return ps.executeUpdate() == 1;
        }
    }

    /** The case a help request belongs to. */
    public Optional<String> caseOfRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT case_number FROM case_request WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    // ---- case_session ----

    /** Inserts a started session (ended_at and the rest null); false when it is already there. */
    public boolean insert(Connection c, SessionRecord s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_session (session_id, case_number,"
                + " request_id, applicant_id, helper_id, item_id, department, queue, kind, priority, requested_at,"
                + " started_at, wait_ms, media) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (session_id) DO NOTHING")) {
            int i = 0;
            ps.setString(++i, s.sessionId());
            ps.setString(++i, s.caseNumber());
            ps.setString(++i, s.requestId());
            ps.setString(++i, s.applicantId());
            ps.setString(++i, s.helperId());
            ps.setString(++i, s.itemId());
            ps.setString(++i, s.department());
            ps.setString(++i, s.queue());
            ps.setString(++i, s.kind().name());
            ps.setString(++i, s.priority().name());
            ps.setLong(++i, s.requestedAt());
            ps.setLong(++i, s.startedAt());
            ps.setLong(++i, s.waitMs());
            ps.setString(++i, joinMedia(s.media()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Completes a session's row: its end, talk time and, when the helper has no wrap-up after it, a wrap-up of 0.
     *
     * @return false when the row is missing or was already completed (the first end stands)
     */
    public boolean end(Connection c, String sessionId, long endedAt, String reason, String endedBy, Long wrapUpMs)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_session SET ended_at = ?,"
                + " talk_ms = CASE WHEN ? > started_at THEN ? - started_at ELSE 0 END, end_reason = ?, ended_by = ?,"
                + " wrap_up_ms = ? WHERE session_id = ? AND ended_at IS NULL")) {
            ps.setLong(1, endedAt);
            ps.setLong(2, endedAt);
            ps.setLong(3, endedAt);
            ps.setString(4, reason);
            ps.setString(5, endedBy);
            if (wrapUpMs == null) ps.setNull(6, java.sql.Types.BIGINT);
            else ps.setLong(6, wrapUpMs);
            ps.setString(7, sessionId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * A helper's wrap-up ended at {@code at}: every session of the helper that ended within {@code maxWrapUpMs}
     * before and has no wrap-up yet gets {@code at − ended_at}. Idempotent: a second call (another node, a late
     * timer) finds nothing left to set.
     *
     * @return how many sessions got their wrap-up
     */
    public int wrapUpEnded(Connection c, String helperId, long at, long maxWrapUpMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_session"
                + " SET wrap_up_ms = CASE WHEN ? > ended_at THEN ? - ended_at ELSE 0 END"
                + " WHERE helper_id = ? AND wrap_up_ms IS NULL AND ended_at IS NOT NULL AND ended_at >= ?")) {
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.setString(3, helperId);
            ps.setLong(4, at - maxWrapUpMs);
            return ps.executeUpdate();
        }
    }

    /**
     * Adds media to what a session used (locked on PostgreSQL, so two nodes adding at once lose nothing).
     *
     * @return the session's media after, or empty when there is no such session
     */
    public Optional<Set<String>> addMedia(Connection c, String sessionId, Collection<String> media) throws SQLException {
        String current;
        try (PreparedStatement ps = c.prepareStatement("SELECT media FROM case_session WHERE session_id = ?"
                + (store.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : ""))) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                current = rs.getString(1);
            }
        }
        Set<String> all = splitMedia(current);
        if (!all.addAll(media)) return Optional.of(all);
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_session SET media = ? WHERE session_id = ?")) {
            ps.setString(1, joinMedia(all));
            ps.setString(2, sessionId);
            ps.executeUpdate();
        }
        return Optional.of(all);
    }

    public Optional<SessionRecord> find(String sessionId) {
        return store.read("assistance session " + sessionId, c -> find(c, sessionId));
    }

    public Optional<SessionRecord> find(Connection c, String sessionId) throws SQLException {
        List<SessionRecord> found = list(c, "session_id", sessionId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The sessions of a case, in the order they started. */
    public List<SessionRecord> ofCase(String caseNumber) {
        return store.read("the sessions of case " + caseNumber, c -> ofCase(c, caseNumber));
    }

    /** {@link #ofCase(String)} on the caller's connection. */
    public List<SessionRecord> ofCase(Connection c, String caseNumber) throws SQLException {
        return list(c, "case_number", caseNumber);
    }

    /** A session's media in {@link #MEDIA} order. */
    public static List<String> ordered(Collection<String> media) {
        return MEDIA.stream().filter(media::contains).toList();
    }

    private static List<SessionRecord> list(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM case_session WHERE " + column
                + " = ? ORDER BY started_at, session_id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                List<SessionRecord> list = new java.util.ArrayList<>();
                while (rs.next()) list.add(map(rs));
                return list;
            }
        }
    }

    private static SessionRecord map(ResultSet rs) throws SQLException {
        String id = rs.getString("session_id");
        return new SessionRecord(id, rs.getString("case_number"), rs.getString("request_id"),
                rs.getString("applicant_id"), rs.getString("helper_id"), rs.getString("item_id"),
                rs.getString("department"), rs.getString("queue"),
                Columns.enumValue(ServiceKind.class, rs.getString("kind"), "case_session", id),
                Columns.enumValue(PriorityClass.class, rs.getString("priority"), "case_session", id),
                rs.getLong("requested_at"), rs.getLong("started_at"), rs.getLong("wait_ms"),
                nullableLong(rs, "ended_at"), nullableLong(rs, "talk_ms"), nullableLong(rs, "wrap_up_ms"),
                rs.getString("end_reason"), rs.getString("ended_by"), splitMedia(rs.getString("media")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The stored form: known media in {@link #MEDIA} order, comma-separated. */
    static String joinMedia(Collection<String> media) {
        return String.join(",", ordered(media));
    }

    static Set<String> splitMedia(String stored) {
        Set<String> set = new TreeSet<>();
        if (stored == null || stored.isBlank()) return set;
        for (String m : stored.split(",")) if (!m.isBlank()) set.add(m.strip());
        return set;
    }
}
