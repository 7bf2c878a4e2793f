package org.bangban.wallboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bangban.casefeed.FeedPayloads;
import org.bangban.casefeed.SupervisorAction;
import org.bangban.cases.CaseEventType;
import org.bangban.store.Outcome;
import org.bangban.store.RecordStore;

/**
 * The wallboard's figures from the record store, two cheap queries per refresh: today's request outcomes by queue
 * (an index range on {@code request_outcome.ended_at}), and for the live sessions their media and their cases'
 * SUPERVISOR_ACTION events (primary-key lookups).
 */
public final class WallboardRecords {
    private static final int CHUNK = 200;

    private final RecordStore store;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public WallboardRecords(RecordStore store, ZoneId zone, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Epoch millis today began in the service time zone. */
    public long startOfToday() {
        return LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** How each queue's requests ended since the start of today; a request answered within the threshold counts in level. */
    public Map<String, TodayCounts> today(long serviceLevelMs) {
        long from = startOfToday();
        return store.read("today's request outcomes for the wallboard", c -> {
            Map<String, TodayCounts> byQueue = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT queue, outcome, COUNT(*),"
                    + " SUM(CASE WHEN wait_ms <= ? THEN 1 ELSE 0 END) FROM request_outcome WHERE ended_at >= ?"
                    + " GROUP BY queue, outcome")) {
                ps.setLong(1, serviceLevelMs);
                ps.setLong(2, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String outcome = rs.getString(2);
                        long n = rs.getLong(3);
                        long inLevel = rs.getLong(4);
                        TodayCounts t = new TodayCounts(n,
                                Outcome.PAIRED.name().equals(outcome) ? n : 0,
                                Outcome.PAIRED.name().equals(outcome) ? inLevel : 0,
                                Outcome.ABANDONED.name().equals(outcome) ? n : 0,
                                Outcome.CANCELLED.name().equals(outcome) ? n : 0);
                        byQueue.merge(rs.getString(1), t, TodayCounts::plus);
                    }
                }
            }
            return byQueue;
        });
    }

    /** Media and monitoring supervisors of these sessions; a session with no record yet is absent. */
    public Map<String, SessionExtras> extras(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) return Map.of();
        List<String> ids = new ArrayList<>(sessionIds);
        return store.read("the live sessions' media and supervisors for the wallboard", c -> {
            Map<String, SessionExtras> out = new HashMap<>();
            for (int i = 0; i < ids.size(); i += CHUNK) {
                extras(c, ids.subList(i, Math.min(ids.size(), i + CHUNK)), out);
            }
            return out;
        });
    }

    private void extras(Connection c, List<String> ids, Map<String, SessionExtras> out) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Map<String, String> media = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> supervisors = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.session_id, s.media, e.payload FROM case_session s"
                + " LEFT JOIN case_event e ON e.case_number = s.case_number AND e.type = ?"
                + " WHERE s.session_id IN (" + marks + ") ORDER BY s.session_id, e.seq")) {
            ps.setString(1, CaseEventType.SUPERVISOR_ACTION.name());
            for (int i = 0; i < ids.size(); i++) ps.setString(i + 2, ids.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    media.put(id, rs.getString(2));
                    Map<String, Boolean> state = supervisors.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    String payload = rs.getString(3);
                    if (payload != null) monitoringStep(id, payload, state);
                }
            }
        }
        media.forEach((id, m) -> {
            List<String> list = m == null || m.isBlank() ? List.of() : List.of(m.split(","));
            List<String> on = new ArrayList<>();
            supervisors.getOrDefault(id, Map.of()).forEach((sup, monitoring) -> {
                if (monitoring) on.add(sup);
            });
            out.put(id, new SessionExtras(list, on));
        });
    }

    /** One SUPERVISOR_ACTION of the session's case: whether its supervisor monitors this session after it. */
    private void monitoringStep(String sessionId, String payload, Map<String, Boolean> state) {
        JsonNode p;
        try {
            p = mapper.readTree(payload);
        } catch (IOException e) {
            return; // not ours to judge here; the case API reports malformed payloads
        }
        if (!sessionId.equals(p.path(FeedPayloads.SESSION_ID).asText())) return;
        String supervisor = p.path(FeedPayloads.SUPERVISOR_ID).asText("");
        try {
            state.put(supervisor, SupervisorAction.valueOf(p.path(FeedPayloads.ACTION).asText()).monitoring());
        } catch (IllegalArgumentException unknown) {
            // an action this version does not know leaves the state as it was
        }
    }
}
