package org.bangban.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Plans which waiting help requests are offered to which helpers (the pairing, 派单). Pure: it reads a snapshot
 * and proposes offers; the caller reserves each one atomically.
 *
 * <p>Requests are served in {@link #SERVICE_ORDER}; each gets its strategy's pick among the eligible helpers
 * (see {@link Eligibility}) that can take an offer, with offers planned earlier in the same pass counted against
 * the helper's room. A request that finds nobody simply waits; later requests may still be served (a request
 * that only a busy specialist can serve does not hold up the queue).
 *
 * <p>Speed: planning works on a {@link HelperIndex} of the helpers that can take an offer, which the caller keeps
 * from pass to pass (when none can, planning returns at once); the walk stops as soon as every one of them is used
 * up, and with the built-in strategies a request looks at a handful of helpers — the best of each skill, group
 * and department list it may draw from — instead of at every helper. 10,000 waiting requests and 1,000 free
 * helpers plan in a few milliseconds.
 *
 * <p>A router holds its strategy, which may be stateful (round robin): use one router per pairing loop, from
 * one thread at a time.
 */
public final class Router {

    /** The order requests are served in: service key (arrival less head start), then arrival, then id. */
    public static final Comparator<HelpRequest> SERVICE_ORDER = Comparator
            .comparingLong(HelpRequest::serviceKey)
            .thenComparingLong(HelpRequest::arrivedAt)
            .thenComparing(HelpRequest::id);

    private final Eligibility eligibility;
    private final RoutingStrategy strategy;

    /** A router with the configured overflow wait and a new strategy of the configured kind. */
    public Router(RoutingConfig config) {
        this(config, requireConfig(config).strategy().newStrategy());
    }

    /** A router with the configured overflow wait and the given strategy (the configured strategy name is ignored). */
    public Router(RoutingConfig config, RoutingStrategy strategy) {
        requireConfig(config);
        if (strategy == null) throw new IllegalArgumentException("strategy is required");
        this.eligibility = Eligibility.of(config);
        this.strategy = strategy;
    }

    private static RoutingConfig requireConfig(RoutingConfig config) {
        if (config == null) throw new IllegalArgumentException("config is required");
        return config;
    }

    public Eligibility eligibility() {
        return eligibility;
    }

    public RoutingStrategy strategy() {
        return strategy;
    }

    /** An empty helper index sorted for this router's strategy, to keep up to date and plan with. */
    public HelperIndex newIndex() {
        return new HelperIndex(eligibility, strategy);
    }

    /**
     * The offers to make now, from a snapshot of the helpers (indexed afresh for this call).
     *
     * @param waitingInServiceOrder   the waiting requests, sorted by {@link #SERVICE_ORDER}
     * @param helpers                 every known helper (any state); those that cannot take an offer are ignored
     * @param requestIdsWithOpenOffer requests that already have an offer out: skipped
     * @param now                     epoch millis
     * @return at most one offer per request, never more offers to a helper than its room
     *         ({@code maxSessions − activeSessions − pendingOffers}); in service order
     * @throws IllegalArgumentException on a null helper or two helpers with the same id
     */
    public List<PlannedOffer> plan(List<HelpRequest> waitingInServiceOrder, Collection<HelperPresence> helpers,
                                   Set<String> requestIdsWithOpenOffer, long now) {
        if (helpers == null) throw new IllegalArgumentException("helpers are required");
        HelperIndex index = newIndex();
        index.advanceTo(now);
        index.putAll(helpers);
        return plan(waitingInServiceOrder, index, requestIdsWithOpenOffer, now);
    }

    /**
     * The offers to make now, from an index kept up to date by the caller ({@link #newIndex()}). Its clock is
     * moved to {@code now}; the offers planned are counted in it only during the call, so it is left as it was
     * found (its owner learns of the offers made when the live state tells it).
     *
     * @throws IllegalArgumentException when the index was not made by this router
     */
    public List<PlannedOffer> plan(List<HelpRequest> waitingInServiceOrder, HelperIndex index,
                                   Set<String> requestIdsWithOpenOffer, long now) {
        if (waitingInServiceOrder == null) throw new IllegalArgumentException("waiting requests are required");
        if (index == null) throw new IllegalArgumentException("index is required");
        if (index.strategy() != strategy) throw new IllegalArgumentException("the index was made for another strategy");
        if (requestIdsWithOpenOffer == null) throw new IllegalArgumentException("requestIdsWithOpenOffer is required");
        index.advanceTo(now);
        if (index.canTakeOfferCount() == 0) return List.of();
        List<PlannedOffer> planned = new ArrayList<>();
        try {
            for (HelpRequest r : waitingInServiceOrder) {
                if (index.canTakeOfferCount() == 0) break;
                if (r == null) throw new IllegalArgumentException("waiting requests must not contain null");
                if (requestIdsWithOpenOffer.contains(r.id())) continue;
                List<Candidate> candidates = index.candidatesFor(r, now);
                if (candidates.isEmpty()) continue;
                Candidate chosen = strategy.pick(r, candidates, now);
                if (!isOneOf(chosen, candidates))
                    throw new IllegalStateException("strategy " + strategy + " picked " + chosen + ", not a candidate");
                String helperId = chosen.id();
                index.planOffer(helperId);
                planned.add(new PlannedOffer(r, helperId));
            }
        } finally {
            index.endPass();
        }
        return planned;
    }

    private static boolean isOneOf(Candidate chosen, List<Candidate> candidates) {
        for (int i = 0, n = candidates.size(); i < n; i++) {
            if (candidates.get(i) == chosen) return true;
        }
        return false;
    }

    /**
     * True when some logged-in helper (any state but offline) is eligible for the request, whatever its load:
     * when false, the applicant is told at once that nobody can serve them now.
     */
    public boolean anyEligibleLoggedIn(HelpRequest r, Collection<HelperPresence> helpers, long now) {
        if (r == null) throw new IllegalArgumentException("request is required");
        if (helpers == null) throw new IllegalArgumentException("helpers are required");
        for (HelperPresence h : helpers) {
            if (h.chosen() != HelperStatus.OFFLINE && eligibility.isEligible(r, h.profile(), now)) return true;
        }
        return false;
    }
}
