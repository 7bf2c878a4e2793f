package org.bangban.relay.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Works out a receiver's outgoing slots from what is routed to it and what is published now.
 * Existing slots keep their place, mid and SSRCs (only their activity changes); a routed,
 * published track with no slot yet gets a new one at the end. Pure.
 */
public final class SlotPlanner {

    private SlotPlanner() {
    }

    /** A track that is being published right now. */
    public record Published(String endpoint, TrackSource source) {
    }

    /**
     * @param current   the receiver's slots so far (in mid order)
     * @param routed    what the routing matrix gives this receiver: source endpoint → tracks
     * @param published the tracks published now in the room
     * @param newSsrc   a source of fresh SSRCs (unique within the receiver)
     * @return the new slot list; equal to {@code current} when nothing changes
     */
    public static List<OutgoingSlot> plan(List<OutgoingSlot> current, Map<String, Set<TrackSource>> routed,
                                          Set<Published> published, LongSupplier newSsrc) {
        List<OutgoingSlot> out = new ArrayList<>(current.size() + 2);
        Set<Published> covered = new HashSet<>();
        for (OutgoingSlot slot : current) {
            Published key = new Published(slot.sourceEndpoint(), slot.source());
            covered.add(key);
            out.add(slot.withActive(isRouted(routed, key) && published.contains(key)));
        }
        Set<Long> used = new HashSet<>();
        for (OutgoingSlot slot : current) {
            used.add(slot.ssrc());
            used.add(slot.rtxSsrc());
        }
        int nextMid = current.size();
        for (Map.Entry<String, Set<TrackSource>> e : routed.entrySet()) {
            for (TrackSource track : TrackSource.values()) {
                Published key = new Published(e.getKey(), track);
                if (e.getValue().contains(track) && published.contains(key) && !covered.contains(key)) {
                    long ssrc = fresh(newSsrc, used);
                    long rtx = track.kind() == MediaKind.VIDEO ? fresh(newSsrc, used) : 0;
                    out.add(new OutgoingSlot(Integer.toString(nextMid++), e.getKey(), track, ssrc, rtx, true));
                    covered.add(key);
                }
            }
        }
        return out;
    }

    private static boolean isRouted(Map<String, Set<TrackSource>> routed, Published key) {
        Set<TrackSource> tracks = routed.get(key.endpoint());
        return tracks != null && tracks.contains(key.source());
    }

    private static long fresh(LongSupplier newSsrc, Set<Long> used) {
        long ssrc;
        do {
            ssrc = newSsrc.getAsLong() & 0xFFFF_FFFFL;
        } while (ssrc == 0 || !used.add(ssrc));
        return ssrc;
    }
}
