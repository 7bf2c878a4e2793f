package org.bangban.wallboard;

import java.util.List;
import java.util.Map;

/**
 * One picture of the service for supervisors: the queues, the helpers, the live sessions. It holds no figure that
 * changes by the clock alone (waits and durations are derived from instants when it is sent), so two pictures are
 * equal exactly when something happened between them.
 *
 * @param serviceLevelMs  the service-level threshold the queues' rates use
 * @param queues          every queue (item category) of the catalog and any other with waiting requests, by name
 * @param helpersByState  how many helpers are in each state (available, busy, wrap_up, away, offline)
 * @param helpers         every helper known to the live state, by name
 * @param sessions        the live sessions, oldest first
 */
public record Wallboard(long serviceLevelMs, List<QueueLine> queues, Map<String, Integer> helpersByState,
                        List<HelperLine> helpers, List<SessionLine> sessions) {
    public Wallboard {
        queues = List.copyOf(queues);
        helpersByState = Map.copyOf(helpersByState);
        helpers = List.copyOf(helpers);
        sessions = List.copyOf(sessions);
    }

    /**
     * A queue now and today.
     *
     * @param oldestArrivedAt epoch millis the longest-waiting request arrived; 0 when none waits
     */
    public record QueueLine(String queue, int waiting, int green, long oldestArrivedAt, TodayCounts today) {
    }

    /** A helper's state now. */
    public record HelperLine(String id, String name, String status, int activeSessions, int maxSessions) {
    }

    /**
     * A live session.
     *
     * @param applicant   the applicant's pseudonymous id, shortened (its kind and last characters)
     * @param monitoring  supervisors monitoring it now
     */
    public record SessionLine(String id, String itemId, String itemNameZh, String itemNameEn, String queue,
                              String kind, String priority, String applicant, String helperId, String helperName,
                              long startedAt, List<String> media, List<String> monitoring, MediaQuality quality) {
        public SessionLine {
            media = List.copyOf(media);
            monitoring = List.copyOf(monitoring);
        }
    }
}
