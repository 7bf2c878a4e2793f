package org.bangban.bench.media;

/**
 * One receiver's view of one sent stream (the probes of one {@link OutboundStream} as they reach one peer): packets
 * and bytes received in the {@link MeasureWindow}, their added latency (receive nanoTime − the probe's send
 * nanoTime) and the RFC 3550 interarrival jitter, computed with the send times in the probes instead of RTP
 * timestamps (so a frame's packets, sent back to back, count as sent when they were, and only the path adds jitter).
 * Loss is what the sender counted in the window minus what arrived ({@link #lost}), exact once the stream has
 * drained. Owned by one thread (the receiving peer's loop); read after that thread stopped.
 */
public final class StreamMeter {
    private final OutboundStream source;
    private final MeasureWindow window;
    private final Histogram latency = new Histogram();
    private long received;
    private long bytes;
    private long outsideWindow;
    private long reordered;
    private int highestSequence = -1;
    private double jitterNanos;
    private long lastTransit;
    private boolean haveTransit;

    public StreamMeter(OutboundStream source, MeasureWindow window) {
        this.source = source;
        this.window = window;
    }

    public int streamId() {
        return source.id();
    }

    /** One probe arrived: {@code sequence} and {@code sentNanos} from the probe, {@code wireBytes} as received. */
    public void packet(int sequence, long sentNanos, long receivedNanos, int wireBytes) {
        if (!window.contains(sentNanos)) {
            outsideWindow++;
            return;
        }
        received++;
        bytes += wireBytes;
        if (sequence < highestSequence) {
            reordered++;
        } else {
            highestSequence = sequence;
        }
        long transit = receivedNanos - sentNanos;
        latency.record(transit);
        if (haveTransit) {
            jitterNanos += (Math.abs(transit - lastTransit) - jitterNanos) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /**
     * Records the probe at {@code buf[off]} (an RTP payload) in the meter of its stream among {@code meters}; false
     * when none of them expects that stream.
     */
    public static boolean record(StreamMeter[] meters, byte[] buf, int off, long receivedNanos, int wireBytes) {
        int stream = Probe.streamId(buf, off);
        for (StreamMeter m : meters) {
            if (m.streamId() == stream) {
                m.packet(Probe.sequence(buf, off), Probe.sentNanos(buf, off), receivedNanos, wireBytes);
                return true;
            }
        }
        return false;
    }

    /** Packets of the window received. */
    public long received() {
        return received;
    }

    /** Packets of the window the sender sent that did not arrive (0 when more arrived: duplicates). */
    public long lost() {
        return Math.max(0, source.sentInWindow() - received);
    }

    /** Packets the sender sent in the window. */
    public long expected() {
        return source.sentInWindow();
    }

    public long bytes() {
        return bytes;
    }

    /** Probes that arrived but were sent before or after the window. */
    public long outsideWindow() {
        return outsideWindow;
    }

    /** Probes that arrived after a later one of the same stream. */
    public long reordered() {
        return reordered;
    }

    /** RFC 3550 interarrival jitter after the last packet, in nanoseconds. */
    public double jitterNanos() {
        return jitterNanos;
    }

    public Histogram latency() {
        return latency;
    }
}
