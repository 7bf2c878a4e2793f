package org.bangban.live;

import java.util.List;
import java.util.Set;
import org.bangban.queue.HelpRequest;

/**
 * What a pairing pass reads, in one go (see {@link LiveState#pairingSnapshot}).
 *
 * @param waiting                 the waiting requests in the languages asked for, in service order
 * @param requestIdsWithOpenOffer the waiting requests that have an offer out (in any language)
 * @param helpers                 the helpers changed since the version the pass asked from
 */
public record PairingSnapshot(List<HelpRequest> waiting, Set<String> requestIdsWithOpenOffer, HelperChanges helpers) {
    public PairingSnapshot {
        waiting = List.copyOf(waiting);
        requestIdsWithOpenOffer = Set.copyOf(requestIdsWithOpenOffer);
        if (helpers == null) throw new IllegalArgumentException("helpers are required");
    }
}
