package org.bangban.bench.media;

import org.bangban.relay.rtp.Bytes;

/**
 * The probe at the start of every RTP payload the load generator sends: a magic number, the stream id, the probe
 * sequence number and the sender's {@link System#nanoTime()} at send, big-endian. A relay rewrites SSRC, sequence
 * number and timestamp for each receiver, so a receiver correlates by the probe, never by the RTP header. The
 * sender and the receivers share one process, so the nanoTime clock is the same on both sides.
 *
 * <pre>
 *  0      4         8          12                   20
 *  | BBPR | stream  | sequence | send nanoTime       | filler ...
 * </pre>
 */
public final class Probe {
    /** Bytes the probe takes at the start of a payload. */
    public static final int LENGTH = 20;
    /** "BBPR": tells a probe from whatever else a peer might send. */
    public static final int MAGIC = 0x42425052;

    private Probe() {
    }

    /** Writes a probe at {@code buf[off .. off+LENGTH)}. */
    public static void write(byte[] buf, int off, int streamId, int sequence, long sentNanos) {
        Bytes.put32(buf, off, MAGIC);
        Bytes.put32(buf, off + 4, streamId);
        Bytes.put32(buf, off + 8, sequence);
        Bytes.put64(buf, off + 12, sentNanos);
    }

    /** Whether {@code buf[off .. off+len)} starts with a probe. */
    public static boolean isProbe(byte[] buf, int off, int len) {
        return len >= LENGTH && Bytes.i32(buf, off) == MAGIC;
    }

    public static int streamId(byte[] buf, int off) {
        return Bytes.i32(buf, off + 4);
    }

    public static int sequence(byte[] buf, int off) {
        return Bytes.i32(buf, off + 8);
    }

    public static long sentNanos(byte[] buf, int off) {
        return Bytes.i64(buf, off + 12);
    }
}
