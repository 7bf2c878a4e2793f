package org.bangban.live;

import java.util.List;
import java.util.Set;
import org.bangban.queue.HelpRequest;

/**
 * What a pairing pass reads of the queue, in one go (see {@link LiveState#queueSnapshot()}).
 *
 * @param waiting                 every waiting request in service order
 * @param requestIdsWithOpenOffer the waiting requests that have an offer out
 */
public record QueueSnapshot(List<HelpRequest> waiting, Set<String> requestIdsWithOpenOffer) {
    public QueueSnapshot {
        waiting = List.copyOf(waiting);
        requestIdsWithOpenOffer = Set.copyOf(requestIdsWithOpenOffer);
    }
}
