package org.bangban.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.QueuePositions;

/**
 * Live state of the embedded default: one node, maps changed under one monitor. Every operation is short and
 * does no I/O, so one lock is both simple and fast enough (see the benchmark in the README). Reads of one entry
 * (a helper, a waiting request, an offer, a session, the sessions of a principal) take no lock: those maps are
 * concurrent, and under load many applicants' threads would otherwise queue behind each change. Nor do reads of
 * the whole queue (a pairing pass, a position, the waiting list): it is a concurrent sorted set read weakly
 * consistently, since with thousands waiting a copy under the lock held every enqueue behind it (a pass plans on
 * what it read, and each offer is checked again under the lock).
 */
public final class InMemoryLiveState implements LiveState {
    static final Comparator<HelpRequest> SERVICE_ORDER = Comparator.comparingLong(HelpRequest::serviceKey)
            .thenComparing(HelpRequest::id);

    // read without the lock, changed under it
    private final Map<String, HelperPresence> helpers = new ConcurrentHashMap<>();
    private final Map<String, HelpRequest> waitingById = new ConcurrentHashMap<>();
    private final Map<String, String> waitingByApplicant = new ConcurrentHashMap<>();
    private final Map<String, OpenOffer> offers = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    /** Live session ids per principal (applicant and helper), each set replaced whole on a change. */
    private final Map<String, Set<String>> sessionsByPrincipal = new ConcurrentHashMap<>();
    /** The helper feed's version, read without the lock when nothing changed. */
    private volatile long helpersVersion;
    /** Connection marks by principal, each kept until {@code keepUntil}. */
    private final Map<String, Marked> connections = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    private record Marked(ConnectionMarks marks, long keepUntil) {
    }
    /** The waiting requests in service order; read without the lock, changed under it. */
    private final ConcurrentSkipListSet<HelpRequest> queue = new ConcurrentSkipListSet<>(SERVICE_ORDER);
    /** The queue's size (a concurrent set counts by walking); written under the lock. */
    private volatile int queued;
    /** The same requests by place queue (item category and language), for positions: a walk up to the request. */
    private final Map<String, Queue> byQueue = new ConcurrentHashMap<>();
    /**
     * The same requests by language, for pairing passes: a pass reads only the languages some free helper speaks.
     * A request without a language (nobody is eligible) is in none.
     */
    private final Map<String, ConcurrentSkipListSet<HelpRequest>> byLanguage = new ConcurrentHashMap<>();

    /** One queue's requests in service order, and how many (written under the lock). */
    private static final class Queue {
        final ConcurrentSkipListSet<HelpRequest> requests = new ConcurrentSkipListSet<>(SERVICE_ORDER);
        volatile int length;
    }

    // under the lock
    /** Live sessions per applicant, so enqueue need not scan every session. */
    private final Map<String, Integer> sessionsByApplicant = new HashMap<>();
    /** Helper change feed: the version of each helper's last change, and the helpers by that version. */
    private final Map<String, Long> helperChangedAt = new HashMap<>();
    private final TreeMap<Long, String> helpersByChange = new TreeMap<>();

    @Override
    public synchronized HelperPresence helperLoggedIn(HelperProfile profile, long now) {
        HelperPresence p = helpers.get(profile.id());
        HelperPresence next = p == null
                ? new HelperPresence(profile, HelperStatus.AWAY, 0, 0, now, 0, 0, null)
                : p.chosen() == HelperStatus.OFFLINE // logged out or lost: back not ready, as a new login
                ? new HelperPresence(profile, HelperStatus.AWAY, p.activeSessions(), p.pendingOffers(), p.idleSince(),
                        p.wrapUpUntil(), p.missedOffers(), null)
                : new HelperPresence(profile, p.chosen(), p.activeSessions(), p.pendingOffers(), p.idleSince(),
                        p.wrapUpUntil(), p.missedOffers(), p.awayReason());
        putHelper(next);
        return next;
    }

    @Override
    public synchronized Optional<HelperPresence> setChosenStatus(String helperId, HelperStatus status, String reason, long now) {
        if (status != HelperStatus.AVAILABLE && status != HelperStatus.AWAY && status != HelperStatus.OFFLINE) {
            throw new IllegalArgumentException("a helper can choose AVAILABLE, AWAY or OFFLINE, not " + status);
        }
        HelperPresence p = helpers.get(helperId);
        if (p == null) return Optional.empty();
        boolean becomesFree = status == HelperStatus.AVAILABLE && p.chosen() != HelperStatus.AVAILABLE;
        HelperPresence next = new HelperPresence(p.profile(), status, p.activeSessions(), p.pendingOffers(),
                becomesFree ? now : p.idleSince(), p.wrapUpUntil(),
                status == HelperStatus.AVAILABLE ? 0 : p.missedOffers(),
                status == HelperStatus.AVAILABLE ? null : reason);
        putHelper(next);
        return Optional.of(next);
    }

    @Override
    public synchronized Optional<HelperPresence> endWrapUp(String helperId, long now) {
        HelperPresence p = helpers.get(helperId);
        if (p == null) return Optional.empty();
        HelperPresence next = new HelperPresence(p.profile(), p.chosen(), p.activeSessions(), p.pendingOffers(),
                p.idleSince(), 0, p.missedOffers(), p.awayReason());
        putHelper(next);
        return Optional.of(next);
    }

    @Override
    public Optional<HelperPresence> helper(String helperId) {
        return Optional.ofNullable(helpers.get(helperId));
    }

    @Override
    public Collection<HelperPresence> helpers() {
        return List.copyOf(helpers.values());
    }

    @Override
    public HelperChanges helpersChangedSince(long sinceVersion) {
        if (sinceVersion == helpersVersion) return new HelperChanges(sinceVersion, List.of(), false);
        synchronized (this) {
            return changesSince(sinceVersion);
        }
    }

    private HelperChanges changesSince(long sinceVersion) {
        if (sinceVersion > helpersVersion) return new HelperChanges(helpersVersion, List.copyOf(helpers.values()), true);
        List<HelperPresence> changed = new ArrayList<>();
        for (String id : helpersByChange.tailMap(sinceVersion, false).values()) changed.add(helpers.get(id));
        return new HelperChanges(helpersVersion, changed, false);
    }

    @Override
    public synchronized EnqueueResult enqueue(HelpRequest request, int maxQueueLength) {
        if (waitingByApplicant.containsKey(request.applicantId()) || sessionsByApplicant.containsKey(request.applicantId())) {
            return EnqueueResult.ALREADY_WAITING;
        }
        if (queued >= maxQueueLength) return EnqueueResult.QUEUE_FULL;
        queue.add(request);
        queued++;
        Queue q = byQueue.computeIfAbsent(request.placeQueue(), k -> new Queue());
        q.requests.add(request);
        q.length++;
        if (request.language() != null) {
            byLanguage.computeIfAbsent(request.language(), k -> new ConcurrentSkipListSet<>(SERVICE_ORDER)).add(request);
        }
        waitingById.put(request.id(), request);
        waitingByApplicant.put(request.applicantId(), request.id());
        return EnqueueResult.QUEUED;
    }

    @Override
    public Optional<HelpRequest> waitingRequest(String requestId) {
        return Optional.ofNullable(waitingById.get(requestId));
    }

    @Override
    public Optional<HelpRequest> waitingRequestOf(String applicantId) {
        String id = waitingByApplicant.get(applicantId);
        return id == null ? Optional.empty() : Optional.ofNullable(waitingById.get(id));
    }

    @Override
    public List<HelpRequest> waiting() {
        return new ArrayList<>(queue);
    }

    @Override
    public PairingSnapshot pairingSnapshot(long helpersSinceVersion, Set<String> languages) {
        List<HelpRequest> waiting = new ArrayList<>();
        for (String language : languages) {
            ConcurrentSkipListSet<HelpRequest> inLanguage = byLanguage.get(language);
            if (inLanguage != null) waiting.addAll(inLanguage);
        }
        if (languages.size() > 1) waiting.sort(SERVICE_ORDER);
        synchronized (this) {
            return new PairingSnapshot(waiting, offers.keySet(), changesSince(helpersSinceVersion));
        }
    }

    /** A walk of the request's own queue up to it, in place (no copy, no lock); the length is counted on change. */
    @Override
    public Optional<QueuePositions.Position> positionOf(String requestId) {
        HelpRequest target = waitingById.get(requestId);
        if (target == null) return Optional.empty();
        Queue q = byQueue.get(target.placeQueue());
        if (q == null) return Optional.empty();
        int position = 0;
        for (HelpRequest r : q.requests) {
            position++;
            if (r == target) {
                // the length read after the walk: a request that joined behind meanwhile is counted, never one less
                return Optional.of(new QueuePositions.Position(requestId, target.queue(), position,
                        Math.max(position, q.length)));
            }
        }
        return Optional.empty(); // left the queue (or was put back changed) meanwhile
    }

    @Override
    public int waitingCount() {
        return queued;
    }

    @Override
    public synchronized Optional<Withdrawn> withdraw(String requestId) {
        HelpRequest r = removeFromQueue(requestId);
        if (r == null) return Optional.empty();
        OpenOffer offer = offers.remove(requestId);
        if (offer != null) {
            HelperPresence h = helpers.get(offer.helperId());
            if (h != null) putHelper(h.withPendingOffers(Math.max(0, h.pendingOffers() - 1)));
        }
        return Optional.of(new Withdrawn(r, Optional.ofNullable(offer)));
    }

    @Override
    public synchronized Optional<OpenOffer> tryOffer(String requestId, String helperId, long now, long expiresAt) {
        HelpRequest r = waitingById.get(requestId);
        HelperPresence h = helpers.get(helperId);
        if (r == null || h == null || offers.containsKey(requestId) || r.declinedBy().contains(helperId)
                || !h.canTakeOffer(now)) {
            return Optional.empty();
        }
        OpenOffer offer = new OpenOffer(requestId, helperId, now, expiresAt);
        offers.put(requestId, offer);
        putHelper(h.withPendingOffers(h.pendingOffers() + 1));
        return Optional.of(offer);
    }

    @Override
    public Optional<OpenOffer> openOffer(String requestId) {
        return Optional.ofNullable(offers.get(requestId));
    }

    @Override
    public Collection<OpenOffer> openOffers() {
        return List.copyOf(offers.values());
    }

    @Override
    public synchronized Optional<Accepted> accept(String requestId, String helperId, String sessionId, long now) {
        OpenOffer offer = offers.get(requestId);
        if (offer == null || !offer.helperId().equals(helperId)) return Optional.empty();
        offers.remove(requestId);
        HelpRequest r = removeFromQueue(requestId);
        HelperPresence h = helpers.get(helperId);
        HelperPresence next = new HelperPresence(h.profile(), h.chosen(), h.activeSessions() + 1,
                h.pendingOffers() - 1, h.idleSince(), h.wrapUpUntil(), 0, h.awayReason());
        putHelper(next);
        LiveSession s = new LiveSession(sessionId, r, helperId, now);
        sessions.put(sessionId, s);
        sessionsByApplicant.merge(s.applicantId(), 1, Integer::sum);
        rememberSession(s.applicantId(), sessionId);
        rememberSession(s.helperId(), sessionId);
        return Optional.of(new Accepted(s, next, now - r.arrivedAt()));
    }

    @Override
    public synchronized Optional<Released> release(String requestId, String helperId, int autoAwayAfter, String awayReason, long now) {
        return giveBack(requestId, helperId, true, autoAwayAfter, awayReason);
    }

    @Override
    public synchronized Optional<Released> returnOffer(String requestId, String helperId, long now) {
        return giveBack(requestId, helperId, false, Integer.MAX_VALUE, null);
    }

    private Optional<Released> giveBack(String requestId, String helperId, boolean missed, int autoAwayAfter, String awayReason) {
        OpenOffer offer = offers.get(requestId);
        if (offer == null || !offer.helperId().equals(helperId)) return Optional.empty();
        offers.remove(requestId);
        HelpRequest r = waitingById.get(requestId);
        HelpRequest again = r.withDeclinedBy(helperId);
        queue.remove(r);
        queue.add(again);
        Queue q = byQueue.get(r.placeQueue());
        q.requests.remove(r);
        q.requests.add(again);
        if (r.language() != null) {
            ConcurrentSkipListSet<HelpRequest> inLanguage = byLanguage.get(r.language());
            inLanguage.remove(r);
            inLanguage.add(again);
        }
        waitingById.put(requestId, again);
        HelperPresence h = helpers.get(helperId);
        int missedOffers = missed ? h.missedOffers() + 1 : h.missedOffers();
        boolean away = missed && missedOffers >= autoAwayAfter && h.chosen() == HelperStatus.AVAILABLE;
        HelperPresence next = new HelperPresence(h.profile(), away ? HelperStatus.AWAY : h.chosen(),
                h.activeSessions(), h.pendingOffers() - 1, h.idleSince(), h.wrapUpUntil(), missedOffers,
                away ? awayReason : h.awayReason());
        putHelper(next);
        return Optional.of(new Released(offer, again, next, away));
    }

    // ---- connections (no monitor: each principal's marks change atomically in the map) ----

    @Override
    public void markConnected(Collection<String> principalIds, String nodeId, long now, long ttlMillis) {
        for (String id : principalIds) {
            connections.compute(id, (k, m) -> new Marked((m == null ? ConnectionMarks.NONE : m.marks())
                    .connected(nodeId, now + ttlMillis), Math.max(m == null ? 0 : m.keepUntil(), now + ttlMillis)));
        }
        sweepConnections(now);
    }

    @Override
    public void markDeparted(String principalId, String nodeId, long now, long keepMillis) {
        connections.compute(principalId, (k, m) -> new Marked((m == null ? ConnectionMarks.NONE : m.marks())
                .departed(nodeId, now), Math.max(m == null ? 0 : m.keepUntil(), now + keepMillis)));
        sweepConnections(now);
    }

    @Override
    public ConnectionMarks connectionMarks(String principalId) {
        Marked m = connections.get(principalId);
        return m == null ? ConnectionMarks.NONE : m.marks();
    }

    /** Forgets principals whose marks and departure have all run out; at most once a second. */
    private void sweepConnections(long now) {
        long last = lastSweep.get();
        if (now - last < 1_000 || !lastSweep.compareAndSet(last, now)) return;
        connections.values().removeIf(m -> m.keepUntil() <= now);
    }

    @Override
    public Optional<LiveSession> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public List<LiveSession> sessionsOf(String principalId) {
        Set<String> ids = sessionsByPrincipal.get(principalId);
        if (ids == null) return List.of();
        List<LiveSession> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            LiveSession s = sessions.get(id); // null: ended since the set was read
            if (s != null) out.add(s);
        }
        return out;
    }

    @Override
    public Collection<LiveSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public synchronized Optional<Ended> endSession(String sessionId, long wrapUpUntil, long now) {
        LiveSession s = sessions.remove(sessionId);
        if (s == null) return Optional.empty();
        sessionsByApplicant.computeIfPresent(s.applicantId(), (k, n) -> n == 1 ? null : n - 1);
        forgetSession(s.applicantId(), sessionId);
        forgetSession(s.helperId(), sessionId);
        HelperPresence h = helpers.get(s.helperId());
        HelperPresence next = new HelperPresence(h.profile(), h.chosen(), Math.max(0, h.activeSessions() - 1),
                h.pendingOffers(), now, Math.max(h.wrapUpUntil(), wrapUpUntil), h.missedOffers(), h.awayReason());
        putHelper(next);
        return Optional.of(new Ended(s, next, now));
    }

    @Override
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public int openOfferCount() {
        return offers.size();
    }

    @Override
    public void close() {
    }

    private void rememberSession(String principalId, String sessionId) {
        Set<String> ids = new LinkedHashSet<>(sessionsByPrincipal.getOrDefault(principalId, Set.of()));
        ids.add(sessionId);
        sessionsByPrincipal.put(principalId, Collections.unmodifiableSet(ids));
    }

    private void forgetSession(String principalId, String sessionId) {
        Set<String> ids = sessionsByPrincipal.get(principalId);
        if (ids == null || !ids.contains(sessionId)) return;
        Set<String> rest = new LinkedHashSet<>(ids);
        rest.remove(sessionId);
        if (rest.isEmpty()) sessionsByPrincipal.remove(principalId);
        else sessionsByPrincipal.put(principalId, Collections.unmodifiableSet(rest));
    }

    /** Stores a helper's new presence and records the change in the feed. */
    private void putHelper(HelperPresence next) {
        helpers.put(next.id(), next);
        long version = ++helpersVersion;
        Long before = helperChangedAt.put(next.id(), version);
        if (before != null) helpersByChange.remove(before);
        helpersByChange.put(version, next.id());
    }

    private HelpRequest removeFromQueue(String requestId) {
        HelpRequest r = waitingById.remove(requestId);
        if (r == null) return null;
        if (queue.remove(r)) queued--;
        Queue q = byQueue.get(r.placeQueue());
        if (q != null && q.requests.remove(r)) q.length--;
        if (r.language() != null) {
            ConcurrentSkipListSet<HelpRequest> inLanguage = byLanguage.get(r.language());
            if (inLanguage != null) inLanguage.remove(r);
        }
        waitingByApplicant.remove(r.applicantId());
        return r;
    }
}
