package org.bangban.live;

import org.bangban.queue.HelperPresence;

/** An accepted offer: the request left the queue and became a live session. */
public record Accepted(LiveSession session, HelperPresence helper, long waitedMillis) {
}
