package org.bangban.relay.control;

import java.util.List;

/**
 * One endpoint's media as the relay sees it.
 *
 * @param publish   its publish transport (null before its first offer)
 * @param subscribe its subscribe transport (null before its first relay offer)
 * @param inbound   tracks it publishes, as received by the relay
 * @param outbound  streams the relay sends it
 */
public record EndpointStats(String roomId, String endpointId, String role,
                            TransportStats publish, TransportStats subscribe,
                            List<InboundTrackStats> inbound, List<OutboundStreamStats> outbound) {

    /** ICE and DTLS state of one transport and the path it uses. */
    public record TransportStats(String iceState, String dtlsState, String selectedPath,
                                 long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                                 long srtpAuthFailures, long rttMillis) {
    }

    /** A published track: {@code lossFraction} 0..1, jitter in milliseconds, bitrate in bits/s. */
    public record InboundTrackStats(String source, String kind, long ssrc, long packets, long bytes,
                                    long bitrate, long packetsLost, double lossFraction, double jitterMillis) {
    }

    /** A stream the relay sends this endpoint, from {@code sourceEndpoint}'s {@code source} track. */
    public record OutboundStreamStats(String mid, String sourceEndpoint, String source, boolean active, long ssrc,
                                      long packets, long bytes, long bitrate, long nacksReceived,
                                      long retransmitted, long plisReceived, double remoteLossFraction,
                                      double remoteJitterMillis, long rttMillis) {
    }
}
