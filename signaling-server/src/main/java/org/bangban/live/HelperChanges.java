package org.bangban.live;

import java.util.List;
import org.bangban.queue.HelperPresence;

/**
 * What changed among the helpers since a version a node read before (see {@link LiveState#helpersChangedSince}).
 *
 * @param version the version this brings the reader to: pass it to the next call
 * @param changed the helpers whose presence changed after the version asked for, each once, as they are now
 * @param reset   true when the live state is older than the version asked for (it was reset): {@code changed} then
 *                holds every helper and the reader must drop what it knew
 */
public record HelperChanges(long version, List<HelperPresence> changed, boolean reset) {
    public HelperChanges {
        if (version < 0) throw new IllegalArgumentException("version must not be negative, was " + version);
        changed = List.copyOf(changed);
    }
}
