package org.bangban.bench.media;

/**
 * The measured window, by the probe's send time: a packet counts as sent and as received (or lost) when its
 * sender's {@code System.nanoTime()} at send is in {@code [start, end)}. Senders and receivers decide with the same
 * number, so the counts on both sides cover exactly the same packets. Open-ended (nothing counted) until
 * {@link #open} is called.
 */
public final class MeasureWindow {
    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    /** Packets sent from now on count. */
    public void open(long nowNanos) {
        start = nowNanos;
    }

    /** Packets sent from now on no longer count. */
    public void close(long nowNanos) {
        end = nowNanos;
    }

    public boolean contains(long sentNanos) {
        return sentNanos >= start && sentNanos < end;
    }

    /** The window's length in seconds, once closed. */
    public double seconds() {
        return (end - start) / 1e9;
    }
}
