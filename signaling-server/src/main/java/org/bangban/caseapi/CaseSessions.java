package org.bangban.caseapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads the assistance sessions of a case ({@code case_session}, written by the session feed) as the case API
 * shows them. Read-only.
 */
final class CaseSessions {
    private CaseSessions() {
    }

    /** The sessions of a case, oldest first, as JSON. */
    static ArrayNode of(Connection c, String caseNumber) throws SQLException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, request_id, applicant_id, helper_id,"
                + " item_id, department, queue, kind, priority, requested_at, started_at, wait_ms, ended_at, talk_ms,"
                + " wrap_up_ms, end_reason, ended_by, media FROM case_session WHERE case_number = ?"
                + " ORDER BY started_at, session_id")) {
            ps.setString(1, caseNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode n = list.addObject();
                    n.put("sessionId", rs.getString("session_id"));
                    n.put("requestId", rs.getString("request_id"));
                    n.put("applicantId", rs.getString("applicant_id"));
                    n.put("helperId", rs.getString("helper_id"));
                    n.put("itemId", rs.getString("item_id"));
                    n.put("department", rs.getString("department"));
                    n.put("queue", rs.getString("queue"));
                    n.put("kind", rs.getString("kind"));
                    n.put("priority", rs.getString("priority"));
                    n.put("requestedAt", instant(rs, "requested_at"));
                    n.put("startedAt", instant(rs, "started_at"));
                    n.put("waitMs", rs.getLong("wait_ms"));
                    n.put("endedAt", instant(rs, "ended_at"));
                    putLong(n, "talkMs", rs, "talk_ms");
                    putLong(n, "wrapUpMs", rs, "wrap_up_ms");
                    n.put("endReason", rs.getString("end_reason"));
                    n.put("endedBy", rs.getString("ended_by"));
                    ArrayNode media = n.putArray("media");
                    String m = rs.getString("media");
                    if (m != null) for (String part : m.split(",")) if (!part.isBlank()) media.add(part.strip());
                }
            }
        }
        return list;
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v).toString();
    }

    private static void putLong(ObjectNode n, String field, ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        if (rs.wasNull()) n.putNull(field);
        else n.put(field, v);
    }
}
