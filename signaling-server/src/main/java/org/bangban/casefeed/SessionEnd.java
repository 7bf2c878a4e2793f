package org.bangban.casefeed;

import java.util.Objects;
import org.bangban.live.LiveSession;
import org.bangban.queue.HelpRequest;

/**
 * How a live session ended, as the pairing code saw it.
 *
 * @param session     the session as it was
 * @param reason      APPLICANT_ENDED, HELPER_ENDED, SUPERVISOR_ENDED, APPLICANT_LOST, TRANSFERRED or HELPER_LOST
 * @param endedBy     the principal who ended it; null when the system did (a party lost past the grace period)
 * @param endedAt     epoch millis
 * @param wrapUpUntil when the helper's wrap-up after it ends at the latest (= endedAt when there is none)
 * @param successor   the request that continues the session with another helper (transfer, lost helper), or null
 * @param toHelper    a transfer's named helper, or null
 * @param toGroup     a transfer's skill group, or null
 * @param note        a transfer's note, or null
 */
public record SessionEnd(LiveSession session, String reason, String endedBy, long endedAt, long wrapUpUntil,
                         HelpRequest successor, String toHelper, String toGroup, String note) {
    public SessionEnd {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(reason, "reason");
    }

    /** A session that simply ended (no successor). */
    public static SessionEnd ended(LiveSession session, String reason, String endedBy, long endedAt, long wrapUpUntil) {
        return new SessionEnd(session, reason, endedBy, endedAt, wrapUpUntil, null, null, null, null);
    }
}
