package org.bangban.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bangban.queue.ServiceKind;

/** The callbacks 预约 applicants asked for. Recorded durably before the applicant is told it is booked. */
public final class CallbackRequests {
    private final RecordStore store;

    public CallbackRequests(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Records a callback; committed when this returns. */
    public void insert(CallbackRequest r) {
        Objects.requireNonNull(r, "callback request");
        store.write("callback request " + r.id() + " of applicant " + r.applicantId(), c -> insert(c, r));
    }

    /** Records a callback in the caller's transaction (e.g. with the case it opens). */
    public int insert(Connection c, CallbackRequest r) throws SQLException {
        Objects.requireNonNull(r, "callback request");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_request (id, applicant_id,"
                + " item_id, kind, language, contact, preferred_time, reason, note, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.applicantId());
            ps.setString(3, r.itemId());
            ps.setString(4, r.kind().name());
            ps.setString(5, r.language());
            ps.setString(6, r.contact());
            ps.setString(7, r.preferredTime());
            ps.setString(8, r.reason().name());
            ps.setString(9, r.note());
            ps.setLong(10, r.createdAt());
            return ps.executeUpdate();
        }
    }

    /** The most recent callbacks, newest first. */
    public List<CallbackRequest> listRecent(int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        return store.read("the " + limit + " most recent callback requests", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, applicant_id, item_id, kind, language,"
                    + " contact, preferred_time, reason, note, created_at FROM callback_request"
                    + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<CallbackRequest> list = new ArrayList<>();
                    while (rs.next()) list.add(map(rs));
                    return list;
                }
            }
        });
    }

    private static CallbackRequest map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new CallbackRequest(id, rs.getString("applicant_id"), rs.getString("item_id"),
                Columns.enumValue(ServiceKind.class, rs.getString("kind"), "callback_request", id),
                rs.getString("language"), rs.getString("contact"), rs.getString("preferred_time"),
                Columns.enumValue(CallbackReason.class, rs.getString("reason"), "callback_request", id),
                rs.getString("note"), rs.getLong("created_at"));
    }
}
