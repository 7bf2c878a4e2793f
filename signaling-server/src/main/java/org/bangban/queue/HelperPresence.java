package org.bangban.queue;

/**
 * A helper's live state.
 *
 * @param profile        what the helper can do
 * @param chosen         the state the helper chose: AVAILABLE, AWAY or OFFLINE (the system may set AWAY after missed offers)
 * @param activeSessions sessions the helper holds now
 * @param pendingOffers  offers made to the helper not yet answered
 * @param idleSince      epoch millis the helper last became free (for "longest idle")
 * @param wrapUpUntil    epoch millis until which the helper is in wrap-up; 0 when not
 * @param missedOffers   offers declined or timed out in a row
 * @param awayReason     why the system set the helper away; null when the helper chose it
 */
public record HelperPresence(HelperProfile profile, HelperStatus chosen, int activeSessions, int pendingOffers,
                             long idleSince, long wrapUpUntil, int missedOffers, String awayReason) {

    public String id() {
        return profile.id();
    }

    /** The state as shown: offline and away as chosen; busy at the maximum; wrap-up while it lasts; else available. */
    public HelperStatus effectiveStatus(long now) {
        if (chosen == HelperStatus.OFFLINE || chosen == HelperStatus.AWAY) return chosen;
        if (activeSessions >= profile.maxSessions()) return HelperStatus.BUSY;
        if (wrapUpUntil > now) return HelperStatus.WRAP_UP;
        return HelperStatus.AVAILABLE;
    }

    /** True when an offer may be made now: available, not in wrap-up, and below the maximum counting pending offers. */
    public boolean canTakeOffer(long now) {
        return effectiveStatus(now) == HelperStatus.AVAILABLE
                && activeSessions + pendingOffers < profile.maxSessions();
    }

    /** A copy with {@code pendingOffers} replaced (e.g. counting an offer planned but not yet made). */
    public HelperPresence withPendingOffers(int pendingOffers) {
        if (pendingOffers < 0)
            throw new IllegalArgumentException("pendingOffers must not be negative, was " + pendingOffers);
        return new HelperPresence(profile, chosen, activeSessions, pendingOffers, idleSince, wrapUpUntil, missedOffers,
                awayReason);
    }

    /** Room for more offers: {@code maxSessions − activeSessions − pendingOffers}, never below 0. */
    public int freeCapacity() {
        return Math.max(0, profile.maxSessions() - activeSessions - pendingOffers);
    }
}
