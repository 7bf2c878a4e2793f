package org.bangban.live;

import org.bangban.queue.HelperPresence;

/** A session that ended; the helper is in wrap-up. */
public record Ended(LiveSession session, HelperPresence helper, long endedAt) {
}
