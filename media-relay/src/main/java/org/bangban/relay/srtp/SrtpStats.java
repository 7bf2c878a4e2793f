package org.bangban.relay.srtp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one {@link SrtpSession}'s packet counters: packets protected (outbound) and
 * unprotected (inbound) per RTP/RTCP, and packets dropped per direction and reason. Every reason
 * is present in the maps, zero if it never happened.
 */
public record SrtpStats(long rtpProtected, long rtcpProtected,
                        long rtpUnprotected, long rtcpUnprotected,
                        Map<SrtpDropReason, Long> protectDrops,
                        Map<SrtpDropReason, Long> unprotectDrops) {

    public SrtpStats {
        protectDrops = copy(protectDrops);
        unprotectDrops = copy(unprotectDrops);
    }

    private static Map<SrtpDropReason, Long> copy(Map<SrtpDropReason, Long> m) {
        Map<SrtpDropReason, Long> c = new EnumMap<>(SrtpDropReason.class);
        c.putAll(m);
        return Collections.unmodifiableMap(c);
    }

    public long protectDropped(SrtpDropReason reason) {
        return protectDrops.getOrDefault(reason, 0L);
    }

    public long unprotectDropped(SrtpDropReason reason) {
        return unprotectDrops.getOrDefault(reason, 0L);
    }

    public long protectDroppedTotal() {
        return sum(protectDrops);
    }

    public long unprotectDroppedTotal() {
        return sum(unprotectDrops);
    }

    private static long sum(Map<SrtpDropReason, Long> m) {
        long total = 0;
        for (long v : m.values()) {
            total += v;
        }
        return total;
    }
}
