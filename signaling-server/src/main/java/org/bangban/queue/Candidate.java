package org.bangban.queue;

/**
 * A helper eligible for a request, as a routing strategy sees it.
 *
 * @param helper      the helper's live state, with offers planned earlier in the same pass counted as pending
 * @param proficiency the helper's proficiency for the request, 1–5
 */
public record Candidate(HelperPresence helper, int proficiency) {
    public Candidate {
        if (helper == null) throw new IllegalArgumentException("helper is required");
        if (proficiency < 1) throw new IllegalArgumentException("proficiency must be at least 1, was " + proficiency);
    }

    public String id() {
        return helper.id();
    }

    /** Sessions held plus offers pending: the helper's load. */
    public int load() {
        return helper.activeSessions() + helper.pendingOffers();
    }
}
