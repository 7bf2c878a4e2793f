package org.bangban.wallboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bangban.live.LiveSession;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PriorityClass;

/** Puts a {@link Wallboard} together from the live state and the record store's figures. Pure: no I/O. */
public final class WallboardComposer {
    private WallboardComposer() {
    }

    /**
     * @param queueNames the catalog's queues (item categories), shown even when empty
     * @param today      today's counts by queue
     * @param extras     media and monitoring supervisors by session id (absent: none known)
     * @param now        for the helpers' states (a wrap-up ends by the clock)
     */
    public static Wallboard compose(long serviceLevelMs, Collection<String> queueNames, List<HelpRequest> waiting,
                                    Collection<HelperPresence> helpers, Collection<LiveSession> sessions,
                                    Map<String, TodayCounts> today, Map<String, SessionExtras> extras, long now) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Long> oldest = new TreeMap<>();
        for (String q : queueNames) counts.computeIfAbsent(q, k -> new int[2]);
        for (String q : today.keySet()) counts.computeIfAbsent(q, k -> new int[2]);
        for (HelpRequest r : waiting) {
            int[] c = counts.computeIfAbsent(r.queue(), k -> new int[2]);
            c[0]++;
            if (r.priority() == PriorityClass.GREEN) c[1]++;
            oldest.merge(r.queue(), r.arrivedAt(), Math::min);
        }
        List<Wallboard.QueueLine> queues = new ArrayList<>();
        counts.forEach((q, c) -> queues.add(new Wallboard.QueueLine(q, c[0], c[1], oldest.getOrDefault(q, 0L),
                today.getOrDefault(q, TodayCounts.NONE))));

        Map<String, Integer> byState = new TreeMap<>();
        for (HelperStatus s : HelperStatus.values()) byState.put(wire(s), 0);
        List<Wallboard.HelperLine> helperLines = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        for (HelperPresence h : helpers) {
            String status = wire(h.effectiveStatus(now));
            byState.merge(status, 1, Integer::sum);
            names.put(h.id(), h.profile().displayName());
            helperLines.add(new Wallboard.HelperLine(h.id(), h.profile().displayName(), status, h.activeSessions(),
                    h.profile().maxSessions()));
        }
        helperLines.sort(Comparator.comparing(Wallboard.HelperLine::name).thenComparing(Wallboard.HelperLine::id));

        List<Wallboard.SessionLine> sessionLines = new ArrayList<>();
        for (LiveSession s : sessions) {
            HelpRequest r = s.request();
            SessionExtras x = extras.getOrDefault(s.id(), SessionExtras.NONE);
            sessionLines.add(new Wallboard.SessionLine(s.id(), r.item().id(), r.item().nameZh(), r.item().nameEn(),
                    r.queue(), r.kind().name().toLowerCase(Locale.ROOT), r.priority().name().toLowerCase(Locale.ROOT),
                    shortApplicant(s.applicantId()), s.helperId(), names.getOrDefault(s.helperId(), s.helperId()),
                    s.startedAt(), x.media(), x.monitoring(), x.quality()));
        }
        sessionLines.sort(Comparator.comparingLong(Wallboard.SessionLine::startedAt)
                .thenComparing(Wallboard.SessionLine::id));
        return new Wallboard(serviceLevelMs, queues, byState, helperLines, sessionLines);
    }

    /**
     * An applicant as a supervisor's wallboard shows it: the kind of id and its last four characters
     * ({@code guest:…7f3a}); the id is already pseudonymous, and the real name is only ever in the case log.
     */
    public static String shortApplicant(String applicantId) {
        int colon = applicantId.indexOf(':');
        String kind = colon < 0 ? "" : applicantId.substring(0, colon + 1);
        String rest = colon < 0 ? applicantId : applicantId.substring(colon + 1);
        return rest.length() <= 4 ? kind + rest : kind + "…" + rest.substring(rest.length() - 4);
    }

    private static String wire(HelperStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
