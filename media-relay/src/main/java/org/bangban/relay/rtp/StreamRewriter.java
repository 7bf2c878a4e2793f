package org.bangban.relay.rtp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.u16;

import java.util.Arrays;

/**
 * One receiver's view of a forwarded source: rewrites RTP packets in place so the receiver sees a
 * single stream with a stable SSRC and continuous sequence numbers and timestamps, even when the
 * source behind it changes.
 *
 * <p>The source changes ("switch") when a packet comes with a new SSRC, when the sequence number
 * jumps (more than 3000 ahead or 2048 behind, confirmed by the next packet in sequence, as RFC 3550
 * A.1 does), or when the timestamp of a newer packet is more than 5 s of clock away from what the
 * elapsed arrival time predicts (the sequence mapping is kept then). On a switch the first outgoing
 * sequence number is the last one sent + 1 and the outgoing timestamp continues from the last one
 * sent plus the wall-clock time elapsed since, in RTP clock units. Within a source, reordered
 * packets keep their relative positions, duplicates (within the last 2048) are dropped, and packets
 * older than the switch are dropped. Packets from the previous SSRC arriving within 1 s after a
 * switch are dropped as stale rather than switching back.
 *
 * <p>The first source's numbers pass through unchanged (only the SSRC is replaced).
 *
 * <p>Threading: one instance per (receiver, stream), used by one thread; allocation-free per packet.
 */
public final class StreamRewriter {

    /** What {@link #rewrite} did with a packet. Bounded set, usable as a metrics tag. */
    public enum Verdict {
        /** Rewritten in place: send it. */
        FORWARD,
        DROP_INVALID,
        DROP_DUPLICATE,
        /** Older than the current source's first packet, or beyond the duplicate history. */
        DROP_OLD,
        /** From the previous SSRC shortly after a switch. */
        DROP_STALE_SOURCE,
        /** A sequence jump not (yet) confirmed by a following packet. */
        DROP_UNCONFIRMED_JUMP
    }

    static final int MAX_DROPOUT = 3000;
    static final int HISTORY = 2048;
    static final int MAX_MISORDER = HISTORY;
    static final long STALE_SOURCE_NANOS = 1_000_000_000L;
    static final long MAX_TIMESTAMP_DEVIATION_SECONDS = 5;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SR_PACKET_TYPE = 200;
    private static final int SR_LENGTH = 28;

    private final int outSsrc;
    private final int clockRate;
    private final long[] seen = new long[HISTORY / 64];

    private boolean started;
    private int sourceSsrc;
    /** Extended sequence numbers of the current source: highest forwarded, first accepted. */
    private long srcHighest;
    private long srcStart;
    /** outgoing extended seq = source extended seq + seqDelta; outgoing ts = source ts + tsDelta. */
    private long seqDelta;
    private int tsDelta;
    private long outHighest;
    private int highestSrcTs;
    private long highestArrival;

    private boolean hasPrevious;
    private int previousSsrc;
    private long switchedAt;
    private int pendingJumpSeq = -1;

    private long packets;
    private long octets;
    private long switches;

    /**
     * @param outgoingSsrc the SSRC the receiver sees
     * @param clockRate    RTP clock rate of the stream in Hz (90000 video, 48000 Opus)
     */
    public StreamRewriter(int outgoingSsrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive: " + clockRate);
        }
        this.outSsrc = outgoingSsrc;
        this.clockRate = clockRate;
    }

    /**
     * Maps one packet of the source, in place (SSRC, sequence number, timestamp), if it is to be
     * forwarded. {@code arrivalNanos} is a monotonic clock (e.g. {@link System#nanoTime()}). Never
     * throws; malformed bytes give {@link Verdict#DROP_INVALID} and are left untouched, as are all
     * dropped packets.
     */
    public Verdict rewrite(byte[] buf, int off, int len, long arrivalNanos) {
        if (!RtpPacket.isValid(buf, off, len)) {
            return Verdict.DROP_INVALID;
        }
        int ssrc = RtpPacket.ssrc(buf, off);
        int seq = RtpPacket.sequenceNumber(buf, off);
        int ts = RtpPacket.timestamp(buf, off);
        long ext;
        if (!started) {
            begin(ssrc, seq, ts, arrivalNanos);
            ext = seq;
        } else if (ssrc != sourceSsrc) {
            if (hasPrevious && ssrc == previousSsrc && arrivalNanos - switchedAt < STALE_SOURCE_NANOS) {
                return Verdict.DROP_STALE_SOURCE;
            }
            hasPrevious = true;
            previousSsrc = sourceSsrc;
            switchedAt = arrivalNanos;
            begin(ssrc, seq, ts, arrivalNanos);
            ext = seq;
        } else {
            int delta = SequenceNumbers.delta(seq, (int) srcHighest);
            if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
                if (seq != pendingJumpSeq) {
                    pendingJumpSeq = (seq + 1) & 0xFFFF;
                    return Verdict.DROP_UNCONFIRMED_JUMP;
                }
                // confirmed: the mapping starts at the dropped first packet of the jump, so the
                // receiver can still NACK it
                begin(ssrc, seq - 1L, ts, arrivalNanos);
                ext = seq;
            } else {
                ext = srcHighest + delta;
                if (delta > 0 && timestampJumped(ts, arrivalNanos)) {
                    tsDelta = continuedTimestamp(arrivalNanos) - ts;
                    srcStart = ext;
                    switches++;
                } else if (ext < srcStart || srcHighest - ext >= HISTORY) {
                    return Verdict.DROP_OLD;
                } else if (ext <= srcHighest && isSeen(ext)) {
                    return Verdict.DROP_DUPLICATE;
                }
            }
        }
        if (ext > srcHighest) {
            advanceHistory(ext);
            srcHighest = ext;
            outHighest = ext + seqDelta;
            highestSrcTs = ts;
            highestArrival = arrivalNanos;
        }
        markSeen(ext);
        RtpPacket.setSsrc(buf, off, outSsrc);
        RtpPacket.setSequenceNumber(buf, off, (int) (ext + seqDelta));
        RtpPacket.setTimestamp(buf, off, ts + tsDelta);
        packets++;
        octets += RtpPacket.payloadLength(buf, off, len);
        return Verdict.FORWARD;
    }

    /** Starts mapping a source whose first accepted extended sequence number is {@code start}. */
    private void begin(int ssrc, long start, int ts, long arrivalNanos) {
        if (started) {
            seqDelta = outHighest + 1 - start;
            tsDelta = continuedTimestamp(arrivalNanos) - ts;
            switches++;
        } else {
            seqDelta = 0;
            tsDelta = 0;
            started = true;
        }
        sourceSsrc = ssrc;
        srcStart = start;
        srcHighest = start - 1;
        pendingJumpSeq = -1;
        Arrays.fill(seen, 0L);
    }

    /** Last outgoing timestamp plus the elapsed arrival time (at least one tick). */
    private int continuedTimestamp(long arrivalNanos) {
        long elapsed = Math.max(1, ticks(arrivalNanos - highestArrival));
        return highestSrcTs + tsDelta + (int) elapsed;
    }

    private boolean timestampJumped(int ts, long arrivalNanos) {
        long actual = ts - highestSrcTs; // int subtraction: signed distance modulo 2^32
        long expected = ticks(arrivalNanos - highestArrival);
        return Math.abs(actual - expected) > MAX_TIMESTAMP_DEVIATION_SECONDS * clockRate;
    }

    /** Nanoseconds as RTP clock ticks (0 for negative), without overflow for any realistic span. */
    private long ticks(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return nanos / NANOS_PER_SECOND * clockRate + nanos % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND;
    }

    private void advanceHistory(long newHighest) {
        if (newHighest - srcHighest >= HISTORY) {
            Arrays.fill(seen, 0L);
            return;
        }
        for (long e = srcHighest + 1; e <= newHighest; e++) {
            int bit = (int) (e & (HISTORY - 1));
            seen[bit >>> 6] &= ~(1L << bit);
        }
    }

    private boolean isSeen(long ext) {
        int bit = (int) (ext & (HISTORY - 1));
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    private void markSeen(long ext) {
        int bit = (int) (ext & (HISTORY - 1));
        seen[bit >>> 6] |= 1L << bit;
    }

    /**
     * The source sequence number behind an outgoing one the receiver NACKed, or -1 when it belongs
     * to an earlier source or was never sent.
     */
    public int toSourceSequence(int outgoingSeq) {
        if (!started) {
            return -1;
        }
        long outExt = SequenceNumbers.extend(outgoingSeq & 0xFFFF, outHighest);
        long srcExt = outExt - seqDelta;
        if (outExt > outHighest || srcExt < srcStart) {
            return -1;
        }
        return (int) (srcExt & 0xFFFF);
    }

    /**
     * Rewrites the source's RTCP sender report (one SR packet at {@code [off, off + len)}, e.g. from
     * an RTCP compound iterator) in place for the receiver: SSRC, RTP timestamp, and packet and
     * octet counts as forwarded by this rewriter; report blocks are dropped. Returns the new length
     * (28), or -1 (untouched) when it is not a well-formed SR of the current source.
     */
    public int rewriteSenderReport(byte[] buf, int off, int len) {
        if (!started || !Bytes.inBounds(buf, off, len) || len < SR_LENGTH
                || (buf[off] & 0xC0) != 0x80 || (buf[off + 1] & 0xFF) != SR_PACKET_TYPE
                || (u16(buf, off + 2) + 1) * 4 > len || i32(buf, off + 4) != sourceSsrc) {
            return -1;
        }
        buf[off] = (byte) 0x80; // V=2, no padding, no report blocks
        put16(buf, off + 2, SR_LENGTH / 4 - 1);
        put32(buf, off + 4, outSsrc);
        put32(buf, off + 16, i32(buf, off + 16) + tsDelta);
        put32(buf, off + 20, (int) packets);
        put32(buf, off + 24, (int) octets);
        return SR_LENGTH;
    }

    public int outgoingSsrc() {
        return outSsrc;
    }

    /** SSRC of the source currently mapped (meaningless before the first packet). */
    public int sourceSsrc() {
        return sourceSsrc;
    }

    public long packetsForwarded() {
        return packets;
    }

    /** Payload octets forwarded (RFC 3550 sender's octet count). */
    public long octetsForwarded() {
        return octets;
    }

    /** Number of times the mapping was re-anchored (new SSRC, confirmed seq jump, timestamp jump). */
    public long switches() {
        return switches;
    }
}
