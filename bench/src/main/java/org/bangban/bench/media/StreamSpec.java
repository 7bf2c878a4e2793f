package org.bangban.bench.media;

/**
 * What one sending track looks like on the wire, like a browser's: {@code packetsPerFrame} RTP packets of
 * {@code payloadBytes} each, sent back to back every {@code frameIntervalNanos} (the last one with the marker bit),
 * the RTP timestamp advancing by {@code clockRate} × interval per frame.
 *
 * @param source       the track's source name (microphone, camera, screen)
 * @param kind         the m-line media: audio or video
 * @param payloadType  RTP payload type (111 Opus, 96 VP8, as Chrome numbers them)
 */
public record StreamSpec(String source, String kind, int payloadType, int clockRate, long frameIntervalNanos,
                         int packetsPerFrame, int payloadBytes) {

    /** Largest payload per packet: about what Chrome puts in a video packet. */
    public static final int MAX_PAYLOAD = 1200;

    public StreamSpec {
        if (payloadBytes < Probe.LENGTH || payloadBytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payloadBytes + " bytes; it must be "
                    + Probe.LENGTH + ".." + MAX_PAYLOAD);
        }
        if (packetsPerFrame < 1 || frameIntervalNanos < 1_000_000) {
            throw new IllegalArgumentException("a frame needs at least one packet and at least 1 ms");
        }
    }

    /** Opus from a microphone: 50 packets/s of ~100 bytes (about 40 kbit/s). */
    public static StreamSpec microphone() {
        return new StreamSpec("microphone", "audio", 111, 48_000, 20_000_000L, 1, 100);
    }

    /** VP8 camera video at {@code kbps} and 30 frames/s. */
    public static StreamSpec camera(int kbps) {
        return video("camera", kbps, 30);
    }

    /** VP8 screen share at {@code kbps} and {@code fps} frames/s (larger frames, fewer of them). */
    public static StreamSpec screen(int kbps, int fps) {
        return video("screen", kbps, fps);
    }

    /** A video track: bytes per frame split into the fewest packets of at most {@link #MAX_PAYLOAD} bytes. */
    static StreamSpec video(String source, int kbps, int fps) {
        if (kbps < 1 || fps < 1 || fps > 120) {
            throw new IllegalArgumentException(source + ": " + kbps + " kbit/s at " + fps + " fps is not a video");
        }
        long bytesPerFrame = Math.max(Probe.LENGTH, kbps * 1000L / 8 / fps);
        int packets = (int) ((bytesPerFrame + MAX_PAYLOAD - 1) / MAX_PAYLOAD);
        int payload = (int) Math.max(Probe.LENGTH, bytesPerFrame / packets);
        return new StreamSpec(source, "video", 96, 90_000, 1_000_000_000L / fps, packets, payload);
    }

    /** Packets per second this track sends. */
    public double packetsPerSecond() {
        return packetsPerFrame * 1e9 / frameIntervalNanos;
    }

    /** RTP timestamp units per frame. */
    public int timestampStep() {
        return (int) Math.round(clockRate * (double) frameIntervalNanos / 1e9);
    }
}
