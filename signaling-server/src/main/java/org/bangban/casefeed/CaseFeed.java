package org.bangban.casefeed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bangban.cases.Actor;
import org.bangban.cases.ActorRole;
import org.bangban.cases.CaseAction;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CasePayloads;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseState;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.HelperRole;
import org.bangban.cases.NewCase;
import org.bangban.identity.Role;
import org.bangban.live.LiveSession;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;
import org.bangban.relay.room.TrackSource;
import org.bangban.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session feed: every assistance session writes itself into the case log 办件 — its case (opened by the first
 * session of a request), its start and end with participants, durations and media, the transfer to the next
 * helper, supervisors' actions, and (through {@link #recordChat}) its chat. Each step is ONE {@code store.write}
 * transaction over {@link Cases} and {@link CaseSessions}: all of it or nothing.
 *
 * <h2>When the database is slow or down</h2>
 * The hooks run synchronously on the thread that made the live-state change (a WebSocket handler, the presence
 * timer), after that change and outside any live-state lock; only the wrap-up end, called from the pairing loop, is
 * handed to a thread of its own so that the loop never waits for the database. A failed recording never reaches
 * pairing: it is logged as an error naming the step, the session and the case (when known), counted in {@code
 * bangban_casefeed_failures_total{step}}, and the client still gets its reply (a session push then has no
 * {@code caseNumber}). A session whose start was not recorded is recorded by the next step that needs its case
 * (chat, a file, its end), so the case catches up as soon as the database is back.
 *
 * <h2>Across nodes</h2>
 * Everything but two details is read from and written to the shared database, so it does not matter which node
 * sees which step. The two details: the per-participant media list in SESSION_ENDED holds what the ending node saw
 * (the session's {@code media}, the union, is complete), and a wrap-up that runs out on a node that stops first is
 * never given a duration.
 */
public final class CaseFeed implements SessionJournal, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseFeed.class);
    private static final long WRAP_UP_SLACK_MS = 5_000;
    private static final int MAX_KNOWN = 10_000;

    private final RecordStore store;
    private final Cases cases;
    private final CaseSessions sessions;
    private final long maxWrapUpMs;
    private final MeterRegistry registry;
    private final ExecutorService background;
    /**
     * What this node knows of live sessions: the case (for log lines and resumed pushes) and, per participant, the
     * media it published here. Dropped when the session ends here; pruned of old sessions (which ended on another
     * node) when it grows.
     */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(long startedAt, String caseNumber, Map<String, Set<String>> media) {
        Known withCase(String number) {
            return new Known(startedAt, number, media);
        }
    }

    /**
     * @param wrapUp the helpers' wrap-up time ({@code pairing.wrapup}): a wrap-up end applies to sessions that ended
     *               at most this long (plus a little) before it
     */
    public CaseFeed(RecordStore store, Cases cases, CaseSessions sessions, Duration wrapUp, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.maxWrapUpMs = wrapUp.toMillis() + WRAP_UP_SLACK_MS;
        this.registry = registry;
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bangban-casefeed");
            t.setDaemon(true);
            return t;
        });
    }

    public CaseSessions sessions() {
        return sessions;
    }

    // ---------------------------------------------------------------- the journal

    @Override
    public String sessionStarted(LiveSession session, long waitedMillis) {
        try {
            String number = store.write("the start of session " + session.id(), c -> start(c, session, waitedMillis));
            remember(session).computeIfPresent(session.id(), (k, v) -> v.withCase(number));
            return number;
        } catch (RuntimeException e) {
            failed("start", session.id(), null, e);
            return null;
        }
    }

    @Override
    public String caseNumberOf(String sessionId) {
        Known k = known.get(sessionId);
        if (k != null && k.caseNumber() != null) return k.caseNumber();
        try {
            return sessions.find(sessionId).map(SessionRecord::caseNumber).orElse(null);
        } catch (RuntimeException e) {
            failed("lookup", sessionId, null, e);
            return null;
        }
    }

    @Override
    public String sessionEnded(SessionEnd end) {
        LiveSession s = end.session();
        Known k = known.remove(s.id());
        try {
            return store.write("the end of session " + s.id(), c -> end(c, end, k == null ? Map.of() : k.media()));
        } catch (RuntimeException e) {
            failed(end.successor() == null ? "end" : "transfer", s.id(), k == null ? null : k.caseNumber(), e);
            return k == null ? null : k.caseNumber();
        }
    }

    @Override
    public void wrapUpEnded(String helperId, long at, boolean early) {
        try {
            background.execute(() -> {
                try {
                    store.write("the wrap-up of helper " + helperId, c -> sessions.wrapUpEnded(c, helperId, at, maxWrapUpMs));
                } catch (RuntimeException e) {
                    failed("wrap_up", "(the last of helper " + helperId + ")", null, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.warn("the wrap-up of helper {} ending at {} was not recorded: the server is stopping", helperId, at);
        }
    }

    @Override
    public void mediaUsed(LiveSession session, String principalId, Role role, Collection<TrackSource> sources) {
        Set<String> media = new TreeSet<>();
        for (TrackSource t : sources) media.add(mediaOf(t));
        if (media.isEmpty()) return;
        Set<String> seen = remember(session).get(session.id()).media()
                .computeIfAbsent(principalId, k -> ConcurrentHashMap.newKeySet());
        if (!seen.addAll(media)) return; // nothing new from this participant: nothing to write
        try {
            store.write("the media of session " + session.id(), c -> {
                if (sessions.addMedia(c, session.id(), media).isEmpty()) {
                    start(c, session, session.startedAt() - session.request().arrivedAt());
                    sessions.addMedia(c, session.id(), media);
                }
                return null;
            });
        } catch (RuntimeException e) {
            seen.removeAll(media); // try again with the next offer
            failed("media", session.id(), caseKnown(session.id()), e);
        }
    }

    @Override
    public void supervisorAction(LiveSession session, String supervisorId, SupervisorAction action) {
        try {
            store.write("a supervisor action in session " + session.id(), c -> {
                String number = caseOf(c, session);
                cases.append(c, number, Actor.supervisor(supervisorId), CaseEventType.SUPERVISOR_ACTION,
                        FeedPayloads.supervisorAction(session.id(), supervisorId, action));
                return number;
            });
        } catch (RuntimeException e) {
            failed("supervisor", session.id(), caseKnown(session.id()), e);
        }
    }

    // ---------------------------------------------------------------- chat

    /** A chat message as recorded, and who monitors the session now (they get it too). */
    public record ChatRecorded(String caseNumber, CaseEvent event, Set<String> monitoringSupervisors) {
    }

    /**
     * Records a chat message of a live session as a CHAT event; committed (durable) when this returns.
     *
     * @throws RuntimeException when it could not be recorded (the caller tells the sender it was not sent)
     */
    public ChatRecorded recordChat(LiveSession session, String from, Role role, String text) {
        return store.write("a chat message in session " + session.id(), c -> {
            String number = caseOf(c, session);
            CaseEvent e = cases.append(c, number, new Actor(from, ActorRole.of(role)), CaseEventType.CHAT,
                    FeedPayloads.chat(session.id(), from, role.name(), text));
            return new ChatRecorded(number, e, monitoring(supervisorActions(c, number), session.id()));
        });
    }

    /**
     * The case of a live session on the caller's connection; when its start was not recorded (the database was
     * down then), records it now.
     */
    public String caseOf(Connection c, LiveSession session) throws SQLException {
        Optional<SessionRecord> row = sessions.find(c, session.id());
        if (row.isPresent()) return row.get().caseNumber();
        return start(c, session, Math.max(0, session.startedAt() - session.request().arrivedAt()));
    }

    // ---------------------------------------------------------------- the steps

    private String start(Connection c, LiveSession s, long waitedMillis) throws SQLException {
        Optional<SessionRecord> done = sessions.find(c, s.id());
        if (done.isPresent()) return done.get().caseNumber();
        HelpRequest r = s.request();
        Actor helper = Actor.helper(s.helperId());
        Optional<String> mapped = sessions.caseOfRequest(c, r.id());
        String number;
        if (mapped.isEmpty()) {
            number = cases.open(c, newCase(s), helper).number();
            sessions.mapRequest(c, r.id(), number, r.arrivedAt());
        } else {
            number = mapped.get();
            takeOver(c, number, s);
        }
        CaseRecord now = cases.find(c, number).orElseThrow();
        if (now.state() == CaseState.INTAKE) {
            cases.apply(c, number, helper, new CaseAction.Advance(CaseState.GUIDED_HANDLING,
                    "guided handling 辅助办理 started with session " + s.id()));
        }
        long wait = Math.max(0, waitedMillis);
        sessions.insert(c, new SessionRecord(s.id(), number, r.id(), s.applicantId(), s.helperId(), r.item().id(),
                r.item().department(), r.queue(), r.kind(), r.priority(), r.arrivedAt(), s.startedAt(), wait, null,
                null, null, null, null, Set.of()));
        cases.append(c, number, helper, CaseEventType.SESSION_STARTED,
                FeedPayloads.sessionStarted(s, wait, mapped.isPresent()));
        return number;
    }

    /** A continued request (transfer, lost helper) was accepted: the accepting helper takes the case over. */
    private void takeOver(Connection c, String number, LiveSession s) throws SQLException {
        CaseRecord rec = cases.find(c, number).orElseThrow();
        String helperId = s.helperId();
        if (helperId.equals(rec.primaryHelper())) return;
        if (rec.state().isFinal()) {
            if (!rec.hasHelper(helperId)) cases.addHelper(c, number, Actor.SYSTEM, helperId, HelperRole.ASSISTING);
            return;
        }
        cases.transfer(c, number, Actor.SYSTEM, helperId, "took over with session " + s.id() + " (request "
                + s.request().id() + ")");
    }

    private String end(Connection c, SessionEnd e, Map<String, Set<String>> media) throws SQLException {
        LiveSession s = e.session();
        String number = caseOf(c, s);
        if (e.successor() != null) sessions.mapRequest(c, e.successor().id(), number, e.successor().arrivedAt());
        Long wrapUp = e.wrapUpUntil() <= e.endedAt() ? Long.valueOf(0) : null;
        if (!sessions.end(c, s.id(), e.endedAt(), e.reason(), e.endedBy(), wrapUp)) return number; // recorded before
        SessionRecord row = sessions.find(c, s.id()).orElseThrow();
        List<CaseEvent> actions = supervisorActions(c, number);
        cases.append(c, number, actorOf(e), CaseEventType.SESSION_ENDED,
                FeedPayloads.sessionEnded(e, row, supervisorsOf(actions, s.id()), media));
        return number;
    }

    // ---------------------------------------------------------------- helpers

    /** Makes sure this node has an entry for the live session; returns the map. */
    private Map<String, Known> remember(LiveSession s) {
        if (known.size() > MAX_KNOWN) {
            long old = s.startedAt() - Duration.ofHours(12).toMillis();
            known.values().removeIf(k -> k.startedAt() < old);
        }
        known.computeIfAbsent(s.id(), id -> new Known(s.startedAt(), null, new ConcurrentHashMap<>()));
        return known;
    }

    private String caseKnown(String sessionId) {
        Known k = known.get(sessionId);
        return k == null ? null : k.caseNumber();
    }

    private static NewCase newCase(LiveSession s) {
        HelpRequest r = s.request();
        ServiceItem item = r.item();
        NewCase.Builder b = NewCase.builder(r.applicantId(), item.id(), r.kind(), Channel.ONLINE)
                .department(item.department()).requestId(r.id()).description(r.description())
                .helper(s.helperId()).itemDelegable(item.delegable());
        if (r.priority() == PriorityClass.GREEN && r.greenReason() != null) b.green(r.greenReason());
        return b.build();
    }

    private static Actor actorOf(SessionEnd e) {
        if (e.endedBy() == null) return Actor.SYSTEM;
        LiveSession s = e.session();
        if (e.endedBy().equals(s.applicantId())) return Actor.applicant(e.endedBy());
        if (e.endedBy().equals(s.helperId())) return Actor.helper(e.endedBy());
        return Actor.supervisor(e.endedBy());
    }

    /** The case's SUPERVISOR_ACTION events: all that {@link #supervisorsOf} and {@link #monitoring} look at. */
    private List<CaseEvent> supervisorActions(Connection c, String number) throws SQLException {
        return cases.events(c, number, CaseEventType.SUPERVISOR_ACTION);
    }

    /** Supervisors who acted in the session, in the order they first did. */
    static Set<String> supervisorsOf(List<CaseEvent> events, String sessionId) {
        Set<String> ids = new LinkedHashSet<>();
        for (CaseEvent e : events) {
            if (e.type() == CaseEventType.SUPERVISOR_ACTION
                    && sessionId.equals(CasePayloads.text(e.payload(), FeedPayloads.SESSION_ID))) {
                ids.add(CasePayloads.text(e.payload(), FeedPayloads.SUPERVISOR_ID));
            }
        }
        return ids;
    }

    /** Supervisors monitoring the session now: their last action in it was not a stop. */
    static Set<String> monitoring(List<CaseEvent> events, String sessionId) {
        Map<String, Boolean> state = new LinkedHashMap<>();
        for (CaseEvent e : events) {
            if (e.type() != CaseEventType.SUPERVISOR_ACTION
                    || !sessionId.equals(CasePayloads.text(e.payload(), FeedPayloads.SESSION_ID))) continue;
            SupervisorAction a = SupervisorAction.valueOf(CasePayloads.text(e.payload(), FeedPayloads.ACTION));
            state.put(CasePayloads.text(e.payload(), FeedPayloads.SUPERVISOR_ID), a.monitoring());
        }
        Set<String> now = new LinkedHashSet<>();
        state.forEach((id, on) -> {
            if (on) now.add(id);
        });
        return now;
    }

    static String mediaOf(TrackSource t) {
        return switch (t) {
            case MICROPHONE -> "audio";
            case CAMERA -> "video";
            case SCREEN -> "screen";
        };
    }

    private void failed(String step, String sessionId, String caseNumber, RuntimeException e) {
        log.error("case log: the {} of session {} (case {}) was NOT recorded: {}. Pairing went on; the case catches up"
                        + " with the session's next step once the record store answers again.", step, sessionId,
                caseNumber == null ? "not known yet" : caseNumber, e.toString(), e);
        if (registry != null) {
            Counter.builder("bangban.casefeed.failures")
                    .description("Session steps the case log could not record (the record store failed)")
                    .tag("step", step).register(registry).increment();
        }
    }

    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("case log: wrap-up records still pending at shutdown were dropped");
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            background.shutdownNow();
        }
    }
}
