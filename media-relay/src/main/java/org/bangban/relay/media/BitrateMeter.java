package org.bangban.relay.media;

/**
 * Bits per second of a byte counter, sampled by the relay's timer once a second. The counter is
 * written by one packet thread and read here without a lock (a late sample is harmless).
 */
final class BitrateMeter {

    private long sampledBytes;
    private long sampledAt;
    private volatile long bitrate;

    void sample(long bytesNow, long nowNanos) {
        if (sampledAt != 0 && nowNanos > sampledAt) {
            bitrate = (bytesNow - sampledBytes) * 8L * 1_000_000_000L / (nowNanos - sampledAt);
        }
        sampledBytes = bytesNow;
        sampledAt = nowNanos;
    }

    long bitsPerSecond() {
        return bitrate;
    }
}
