package org.bangban.relay.control;

import java.util.Map;

/**
 * Relay totals: rooms and endpoints now, and counters since start. {@code dropped} is keyed by
 * reason (the same tags as the {@code bangban_relay_packets_dropped_total} metric).
 * {@code udpDatagramsSent}: every UDP datagram the relay sent; {@code udpDatagramsSentGso}: those
 * that left as segments of UDP GSO sends.
 */
public record RelayStats(int rooms, int endpoints, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                         long dtlsHandshakes, long dtlsFailures, long srtpAuthFailures,
                         Map<String, Long> dropped, long udpDatagramsSent, long udpDatagramsSentGso) {
    public RelayStats {
        dropped = Map.copyOf(dropped);
    }
}
