package org.bangban.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/** How help requests ended. Each request ends exactly once; a second end is refused, the first stands. */
public final class RequestOutcomes {
    private static final String COLUMNS = "request_id, applicant_id, item_id, queue, kind, priority, outcome,"
            + " helper_id, wait_ms, ended_at";

    private final RecordStore store;

    public RequestOutcomes(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Records how a request ended; committed when this returns.
     *
     * @throws AlreadyRecordedException when the request has already ended (the earlier outcome is kept)
     */
    public void insert(RequestOutcome o) {
        Objects.requireNonNull(o, "outcome");
        store.write("the outcome " + o.outcome() + " of help request " + o.requestId(), c -> {
            // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a duplicate is seen as 0 rows, without
            // parsing driver-specific error codes and without aborting a PostgreSQL transaction.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_outcome (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING")) {
                ps.setString(1, o.requestId());
                ps.setString(2, o.applicantId());
                ps.setString(3, o.itemId());
                ps.setString(4, o.queue());
                ps.setString(5, o.kind().name());
                ps.setString(6, o.priority().name());
                ps.setString(7, o.outcome().name());
                ps.setString(8, o.helperId());
                ps.setLong(9, o.waitMs());
                ps.setLong(10, o.endedAt());
                if (ps.executeUpdate() == 1) return null;
            }
            String first = find(c, o.requestId()).map(r -> r.outcome().name()).orElse("unknown");
            throw new AlreadyRecordedException(o.requestId(), "help request " + o.requestId()
                    + " has already ended as " + first + "; a request ends exactly once, so this second end ("
                    + o.outcome() + ") was not recorded. This is a race between two ends of the same request"
                    + " (e.g. a cancel and a pairing); the first one stands.");
        });
    }

    public Optional<RequestOutcome> findById(String requestId) {
        if (requestId == null) return Optional.empty();
        return store.read("the outcome of help request " + requestId, c -> find(c, requestId));
    }

    /** How many requests ended each way, over all time; every outcome is present (0 when none). */
    public Map<Outcome, Long> countByOutcome() {
        return countByOutcome(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** How many requests ended each way with {@code from <= endedAt < to} (epoch millis). */
    public Map<Outcome, Long> countByOutcome(long from, long to) {
        return store.read("the request outcome counts", c -> {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) counts.put(o, 0L);
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, COUNT(*) FROM request_outcome"
                    + " WHERE ended_at >= ? AND ended_at < ? GROUP BY outcome")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Outcome o = Columns.enumValue(Outcome.class, rs.getString(1), "request_outcome",
                                "(outcome count)");
                        counts.put(o, rs.getLong(2));
                    }
                }
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    private static Optional<RequestOutcome> find(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM request_outcome WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static RequestOutcome map(ResultSet rs) throws SQLException {
        String id = rs.getString("request_id");
        return new RequestOutcome(id, rs.getString("applicant_id"), rs.getString("item_id"), rs.getString("queue"),
                Columns.enumValue(ServiceKind.class, rs.getString("kind"), "request_outcome", id),
                Columns.enumValue(PriorityClass.class, rs.getString("priority"), "request_outcome", id),
                Columns.enumValue(Outcome.class, rs.getString("outcome"), "request_outcome", id),
                rs.getString("helper_id"), rs.getLong("wait_ms"), rs.getLong("ended_at"));
    }
}
