package org.bangban.relay.control;

import java.util.Map;

/**
 * Relay totals: rooms and endpoints now, and counters since start. {@code dropped} is keyed by
 * reason (the same tags as the {@code bangban_relay_packets_dropped_total} metric).
 */
public record RelayStats(int rooms, int endpoints, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                         long dtlsHandshakes, long dtlsFailures, long srtpAuthFailures,
                         Map<String, Long> dropped) {
    public RelayStats {
        dropped = Map.copyOf(dropped);
    }
}
