package org.bangban.bench.media.peer;

/**
 * The load every side of the comparison carries, and the peers' own settings.
 *
 * @param sessions        1:1 sessions (2 endpoints each, each sending audio and video and receiving as much)
 * @param videoKbps       each camera stream's bitrate
 * @param durationS       measured seconds
 * @param warmupS         seconds of load before the window
 * @param loops           generator loop threads
 * @param connectThreads  sessions set up in parallel
 * @param drainMs         how long after the window the receivers wait for the window's last packets
 * @param janusEventLoops Janus's {@code event_loops} (0: its default, one thread per handle)
 * @param srtpTag         bytes added to each packet sent through coturn so it is as long as an SRTP packet (16, the
 *                        AEAD_AES_128_GCM tag Bangban and Janus negotiate; 10 for AES128_CM_HMAC_SHA1_80)
 */
public record PeerOptions(int sessions, int videoKbps, int durationS, int warmupS, int loops, int connectThreads,
                          int drainMs, int janusEventLoops, int srtpTag, int rounds) {
}
