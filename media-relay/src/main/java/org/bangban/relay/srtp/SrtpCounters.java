package org.bangban.relay.srtp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Packet counters of one direction of one session. Written by one thread at a time (the
 * direction's lock holder), read by anyone: increments are a plain read plus a release store,
 * no read-modify-write atomics on the packet path.
 */
final class SrtpCounters {

    private static final int RTP_OK = 0;
    private static final int RTCP_OK = 1;
    private static final int FIRST_DROP = 2;
    private static final SrtpDropReason[] REASONS = SrtpDropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(FIRST_DROP + REASONS.length);

    void rtpOk() {
        bump(RTP_OK);
    }

    void rtcpOk() {
        bump(RTCP_OK);
    }

    /** Counts a drop and returns its result code, so callers can {@code return counters.drop(r)}. */
    int drop(SrtpDropReason reason) {
        bump(FIRST_DROP + reason.ordinal());
        return reason.code();
    }

    long rtp() {
        return counts.get(RTP_OK);
    }

    long rtcp() {
        return counts.get(RTCP_OK);
    }

    Map<SrtpDropReason, Long> drops() {
        Map<SrtpDropReason, Long> m = new EnumMap<>(SrtpDropReason.class);
        for (SrtpDropReason r : REASONS) {
            m.put(r, counts.get(FIRST_DROP + r.ordinal()));
        }
        return m;
    }

    private void bump(int i) {
        counts.lazySet(i, counts.get(i) + 1);
    }
}
