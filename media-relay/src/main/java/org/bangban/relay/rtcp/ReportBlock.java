package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put24;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.u24;
import static org.bangban.relay.rtp.Bytes.u32;

import java.util.ArrayList;
import java.util.List;

/**
 * One reception report block of an SR or RR (RFC 3550 section 6.4.1): what a receiver saw of the
 * source {@code ssrc}.
 *
 * @param fractionLost               lost fraction since the previous report, in 1/256 (0..255)
 * @param cumulativeLost             signed 24-bit count of packets lost since the start
 * @param extendedHighestSequence    unsigned 32-bit: cycles << 16 | highest sequence number
 * @param jitter                     unsigned 32-bit interarrival jitter, in RTP clock units
 * @param lastSenderReport           LSR: middle 32 bits of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSenderReport DLSR in 1/65536 s
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                          int lastSenderReport, int delaySinceLastSenderReport) {

    public static final int LENGTH = 24;
    public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    public static final int MIN_CUMULATIVE_LOST = -0x800000;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fractionLost out of range: " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulativeLost out of range: " + cumulativeLost);
        }
        if ((extendedHighestSequence >>> 32) != 0 || (jitter >>> 32) != 0) {
            throw new IllegalArgumentException("extended sequence and jitter are unsigned 32-bit");
        }
    }

    static ReportBlock read(byte[] b, int off) {
        return new ReportBlock(i32(b, off), b[off + 4] & 0xFF, (u24(b, off + 5) << 8) >> 8, u32(b, off + 8),
                u32(b, off + 12), i32(b, off + 16), i32(b, off + 20));
    }

    static List<ReportBlock> readAll(byte[] b, int off, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(read(b, off + i * LENGTH));
        }
        return blocks;
    }

    static int writeAll(List<ReportBlock> blocks, byte[] dst, int off) {
        int p = off;
        for (ReportBlock block : blocks) {
            block.write(dst, p);
            p += LENGTH;
        }
        return p - off;
    }

    /** Writes the 24 bytes at {@code dst[off]}. */
    public void write(byte[] dst, int off) {
        put32(dst, off, ssrc);
        dst[off + 4] = (byte) fractionLost;
        put24(dst, off + 5, cumulativeLost);
        put32(dst, off + 8, (int) extendedHighestSequence);
        put32(dst, off + 12, (int) jitter);
        put32(dst, off + 16, lastSenderReport);
        put32(dst, off + 20, delaySinceLastSenderReport);
    }

    /**
     * Round-trip time from this block (RFC 3550 section 6.4.1): arrival - LSR - DLSR, where
     * {@code arrivalCompactNtp} is the block's arrival as {@link NtpTime#compact} of the same clock
     * that stamped our SRs. Returns -1 when the block carries no LSR, and 0 when rounding makes the
     * difference negative.
     */
    public long rttNanos(int arrivalCompactNtp) {
        if (lastSenderReport == 0) {
            return -1;
        }
        int units = arrivalCompactNtp - lastSenderReport - delaySinceLastSenderReport;
        return units <= 0 ? 0 : NtpTime.compactToNanos(units);
    }
}
