package org.bangban.pairing;

import java.util.List;
import java.util.Set;
import org.bangban.live.HelperChanges;
import org.bangban.live.LiveState;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperIndex;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.PlannedOffer;
import org.bangban.queue.Router;

/**
 * This node's copy of every helper's presence, indexed for pairing passes and staffing questions
 * ({@link HelperIndex}), brought up to date by {@link #refresh()}: one read of the helpers changed since the last
 * one ({@link LiveState#helpersChangedSince}), so a pass no longer reads and re-indexes every helper. Thread-safe:
 * applicants' threads ask staffing questions while the pairing loop plans.
 */
final class HelperView {
    private final LiveState live;
    private final Router router;
    private final HelperIndex index;
    /** The live state's helper version the index reflects; written under the lock. */
    private volatile long version;

    HelperView(LiveState live, Router router) {
        this.live = live;
        this.router = router;
        this.index = router.newIndex();
    }

    /**
     * Reads and applies what changed since the last refresh. The read is made outside the lock, so threads that
     * refresh at once do not queue behind each other's reads; a read older than what another thread applied
     * meanwhile is dropped (a newer read holds every change of an older one).
     */
    void refresh() {
        apply(live.helpersChangedSince(version));
    }

    /** The live state's helper version the view reflects: read changes since this one and {@link #apply} them. */
    long version() {
        return version;
    }

    /**
     * Counts the eligible helpers logged in and staffed for a new request. From the view as it stands when it finds
     * someone eligible logged in (the pairing loop reads every change at least every tick; a helper who left since
     * only leaves the request waiting, as if it had left a moment later); only when it finds nobody does it read what
     * changed first, so a helper who has just logged in on another node is never missed. This saves a round trip
     * per request on Redis.
     */
    HelperIndex.Staffing staffing(HelpRequest r, long now) {
        synchronized (this) {
            HelperIndex.Staffing s = index.staffing(r, now);
            if (s.loggedIn() > 0) return s;
        }
        return refreshedStaffing(r, now);
    }

    /** Refreshes, then counts the eligible helpers logged in and staffed for the request: one lock for both. */
    HelperIndex.Staffing refreshedStaffing(HelpRequest r, long now) {
        HelperChanges c = live.helpersChangedSince(version);
        synchronized (this) {
            apply(c);
            return index.staffing(r, now);
        }
    }

    /** Applies changes read since {@link #version()}; a read older than what the view holds already is dropped. */
    synchronized void apply(HelperChanges c) {
        if (c.reset()) {
            index.clear();
        } else if (c.version() <= version) {
            return;
        }
        for (HelperPresence h : c.changed()) index.put(h);
        version = c.version();
    }

    /** True when some helper can take an offer at {@code now} (as of the last refresh). */
    synchronized boolean anyCanTakeOffer(long now) {
        index.advanceTo(now);
        return index.canTakeOfferCount() > 0;
    }

    /** The languages spoken by the helpers that can take an offer at {@code now} (as of the last refresh). */
    synchronized Set<String> offerableLanguages(long now) {
        index.advanceTo(now);
        return index.offerableLanguages();
    }

    /** The router's plan over the helpers as of the last refresh; see {@link Router#plan(List, HelperIndex, Set, long)}. */
    synchronized List<PlannedOffer> plan(List<HelpRequest> waiting, Set<String> requestIdsWithOpenOffer, long now) {
        return router.plan(waiting, index, requestIdsWithOpenOffer, now);
    }

    /** See {@link HelperIndex#anyEligibleLoggedIn}. */
    synchronized boolean anyEligibleLoggedIn(HelpRequest r, long now) {
        return index.anyEligibleLoggedIn(r, now);
    }

    /** See {@link HelperIndex#staffed}. */
    synchronized int staffed(HelpRequest r, long now) {
        return index.staffed(r, now);
    }
}
