package org.bangban.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PlannedOffer;
import org.bangban.queue.QueuePositions;

/**
 * The live state every signaling node shares: presence, the queue, reservations (offers) and the session
 * directory. Two implementations: in-memory (embedded, one node) and Redis (many nodes). Every method that
 * changes state is atomic: two nodes never give one request to two helpers, nor a helper more sessions than
 * its maximum, and every request leaves the queue exactly once.
 */
public interface LiveState extends AutoCloseable {

    // ---- presence ----

    /** Registers or refreshes a helper's profile; a new helper starts AWAY (not ready), an existing keeps its state. */
    HelperPresence helperLoggedIn(HelperProfile profile, long now);

    /**
     * Sets the state a helper chose (AVAILABLE, AWAY or OFFLINE). AVAILABLE clears the missed-offer count and
     * any system away reason. Going OFFLINE or AWAY does not touch live sessions or open offers.
     */
    Optional<HelperPresence> setChosenStatus(String helperId, HelperStatus status, String reason, long now);

    /** Ends a helper's wrap-up early. */
    Optional<HelperPresence> endWrapUp(String helperId, long now);

    Optional<HelperPresence> helper(String helperId);

    Collection<HelperPresence> helpers();

    /**
     * The helpers whose presence changed after {@code sinceVersion}, and the version that brings the reader to.
     * A node keeps its own copy of every helper and reads only what changed; version 0 reads every helper. Every
     * change of a helper (login, chosen state, wrap-up, offers, sessions) moves the version on. When the live
     * state's version is below {@code sinceVersion} (it was reset), every helper is returned with
     * {@link HelperChanges#reset()} set.
     */
    HelperChanges helpersChangedSince(long sinceVersion);

    // ---- the queue ----

    /** Adds a request unless the queue is at {@code maxQueueLength} or the applicant already waits or is in a session. */
    EnqueueResult enqueue(HelpRequest request, int maxQueueLength);

    /** A waiting request by id. */
    Optional<HelpRequest> waitingRequest(String requestId);

    /** The waiting request of an applicant, if any. */
    Optional<HelpRequest> waitingRequestOf(String applicantId);

    /** Every waiting request in service order: serviceKey ascending, then id (ids are made in arrival order). */
    List<HelpRequest> waiting();

    int waitingCount();

    /**
     * Where a waiting request stands in its queue (the item category), as {@link QueuePositions#positionOf} finds
     * it in {@link #waiting()}; empty when it does not wait. Implementations answer without reading or copying the
     * whole queue: a reply to every new request asks it, with thousands waiting.
     */
    Optional<QueuePositions.Position> positionOf(String requestId);

    /**
     * What a pairing pass needs, read together (one round trip where the state is remote): the waiting requests in
     * the given languages, in service order, the ids of the waiting requests with an open offer, and the helpers
     * changed since {@code helpersSinceVersion} (as {@link #helpersChangedSince} answers).
     *
     * <p>The queue is kept per language as well, so that a pass reads only the requests some free helper could
     * take: with thousands waiting for a language nobody free speaks, a pass costs what the others cost. A request
     * without a language (nobody is eligible) is in no language's queue.
     *
     * @param languages the languages of the helpers that can take an offer; empty reads no request
     */
    PairingSnapshot pairingSnapshot(long helpersSinceVersion, Set<String> languages);

    /** Takes a waiting request out (cancel or abandon), withdrawing its open offer. Empty if it no longer waits. */
    Optional<Withdrawn> withdraw(String requestId);

    // ---- offers ----

    /**
     * Reserves a waiting request for a helper: succeeds only if the request waits without an open offer, the
     * helper has not declined it, and the helper can take an offer now (available, not in wrap-up, sessions plus
     * pending offers below its maximum).
     */
    Optional<OpenOffer> tryOffer(String requestId, String helperId, long now, long expiresAt);

    /**
     * {@link #tryOffer} for each planned offer, in order, as if made one after the other — in one round trip where
     * the state is remote. Each succeeds or fails on its own.
     *
     * @return one result per planned offer, in the same order
     */
    default List<Optional<OpenOffer>> tryOffers(List<PlannedOffer> planned, long now, long expiresAt) {
        List<Optional<OpenOffer>> made = new ArrayList<>(planned.size());
        for (PlannedOffer p : planned) made.add(tryOffer(p.request().id(), p.helperId(), now, expiresAt));
        return made;
    }

    Optional<OpenOffer> openOffer(String requestId);

    Collection<OpenOffer> openOffers();

    /** Accepts an open offer: the request leaves the queue and becomes a session held by the helper. */
    Optional<Accepted> accept(String requestId, String helperId, String sessionId, long now);

    /**
     * Gives an offer back (decline or timeout): the request waits again and will not be offered to that helper;
     * the helper's missed count rises and at {@code autoAwayAfter} in a row it is set AWAY with the reason.
     * Empty when that offer is no longer open (accepted, withdrawn or released by another node).
     */
    Optional<Released> release(String requestId, String helperId, int autoAwayAfter, String awayReason, long now);

    /**
     * Gives back an offer the helper could not answer because it was lost (no console past the grace period): the
     * request waits again and will not be offered to that helper, as with {@link #release}, but this is not a miss:
     * the helper's missed count and state stay. Empty when that offer is no longer open.
     */
    Optional<Released> returnOffer(String requestId, String helperId, long now);

    // ---- connections: which nodes hold a principal, so a grace period ends right across nodes ----

    /**
     * Marks each principal as connected on {@code nodeId} until {@code now + ttlMillis} and clears its last
     * departure. A node marks a principal when it authenticates a connection of it, and refreshes the marks of
     * every principal it holds well within the TTL (its heartbeat), so the marks of a node that died run out.
     * One round trip for all where the state is remote.
     */
    void markConnected(Collection<String> principalIds, String nodeId, long now, long ttlMillis);

    /**
     * The last connection of a principal on {@code nodeId} closed at {@code now}: that node's mark goes and the
     * departure (this node, this time) is kept for at least {@code keepMillis} (more than the grace period).
     */
    void markDeparted(String principalId, String nodeId, long now, long keepMillis);

    /** Where a principal is connected and its last departure ({@link ConnectionMarks#NONE} when nothing is known). */
    ConnectionMarks connectionMarks(String principalId);

    /**
     * Whether the departure that {@code nodeId} saw at {@code departedAt} still stands at {@code now} (see
     * {@link ConnectionMarks#departureStands}): the node whose grace period ran out abandons or sets offline only
     * then; otherwise the principal came back on another node, which will see to its next departure.
     */
    default boolean departureStands(String principalId, String nodeId, long departedAt, long now) {
        return connectionMarks(principalId).departureStands(nodeId, departedAt, now);
    }

    // ---- sessions ----

    Optional<LiveSession> session(String sessionId);

    /** The live session a principal (applicant or helper) takes part in. */
    List<LiveSession> sessionsOf(String principalId);

    Collection<LiveSession> sessions();

    /** How many sessions are live. */
    default int sessionCount() {
        return sessions().size();
    }

    /** How many offers are open. */
    default int openOfferCount() {
        return openOffers().size();
    }

    /** Ends a session once: the helper's count drops and it enters wrap-up until {@code wrapUpUntil}. */
    Optional<Ended> endSession(String sessionId, long wrapUpUntil, long now);

    @Override
    void close();
}
