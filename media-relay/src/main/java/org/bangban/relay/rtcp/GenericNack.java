package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.u16;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Generic NACK, RTPFB FMT 1 (RFC 4585 section 6.2.1): the media sender {@code mediaSsrc} should
 * resend the listed packets. On the wire each FCI is a PID and a 16-bit mask (BLP) of the next 16
 * sequence numbers.
 *
 * <p>{@code lostSequenceNumbers} is kept in canonical order: distinct, ascending in wrap-around
 * order starting after the largest gap (so {65535, 0, 1} stays in that order and fits one FCI).
 */
public record GenericNack(int senderSsrc, int mediaSsrc, List<Integer> lostSequenceNumbers) implements RtcpPacket {

    public GenericNack {
        lostSequenceNumbers = canonical(Objects.requireNonNull(lostSequenceNumbers, "lostSequenceNumbers"));
    }

    /**
     * Allocation-free decoding of the NACK at {@code off} ({@code len} content bytes, as from
     * {@link RtcpCompound}): writes the lost sequence numbers in wire order (duplicates possible if
     * the sender repeated them) into {@code out}, at most {@code out.length}, and returns how many.
     */
    public static int lostSequenceNumbers(byte[] b, int off, int len, int[] out) {
        int n = 0;
        for (int p = off + RtcpHeader.FEEDBACK_HEADER_LENGTH; p + 4 <= off + len; p += 4) {
            int pid = u16(b, p);
            int blp = u16(b, p + 2);
            if (n == out.length) {
                return n;
            }
            out[n++] = pid;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    if (n == out.length) {
                        return n;
                    }
                    out[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n;
    }

    /** Parses the NACK at {@code off} with {@code len} content bytes; null when malformed. */
    static GenericNack parse(byte[] b, int off, int len) {
        int fciCount = (len - RtcpHeader.FEEDBACK_HEADER_LENGTH) / 4;
        if (fciCount < 0) {
            return null;
        }
        int[] lost = new int[fciCount * 17];
        int n = lostSequenceNumbers(b, off, len, lost);
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(lost[i]);
        }
        return new GenericNack(i32(b, off + 4), i32(b, off + 8), list);
    }

    /** Distinct values in wrap-around order, starting after the largest gap. */
    static List<Integer> canonical(Collection<Integer> seqs) {
        int[] sorted = seqs.stream().mapToInt(s -> {
            if (s == null || s < 0 || s > 0xFFFF) {
                throw new IllegalArgumentException("not a sequence number: " + s);
            }
            return s;
        }).sorted().distinct().toArray();
        int n = sorted.length;
        int start = 0;
        if (n > 1) {
            int widest = sorted[0] + 0x10000 - sorted[n - 1];
            for (int i = 1; i < n; i++) {
                if (sorted[i] - sorted[i - 1] > widest) {
                    widest = sorted[i] - sorted[i - 1];
                    start = i;
                }
            }
        }
        List<Integer> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(sorted[(start + i) % n]);
        }
        return List.copyOf(result);
    }

    /** Number of PID/BLP pairs the list needs. */
    private int fciCount() {
        return writePairs(null, 0);
    }

    /** Writes the PID/BLP pairs at {@code dst[off]} (just counts them when {@code dst} is null). */
    private int writePairs(byte[] dst, int off) {
        List<Integer> lost = lostSequenceNumbers;
        int pairs = 0;
        int i = 0;
        while (i < lost.size()) {
            int pid = lost.get(i++);
            int blp = 0;
            while (i < lost.size()) {
                int d = (lost.get(i) - pid) & 0xFFFF;
                if (d > 16) {
                    break;
                }
                blp |= 1 << (d - 1);
                i++;
            }
            if (dst != null) {
                put16(dst, off + 4 * pairs, pid);
                put16(dst, off + 4 * pairs + 2, blp);
            }
            pairs++;
        }
        return pairs;
    }

    @Override
    public int size() {
        return RtcpHeader.FEEDBACK_HEADER_LENGTH + 4 * fciCount();
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = RtcpHeader.startFeedback(dst, off, size(), RtcpHeader.FMT_NACK, RtcpHeader.RTPFB, senderSsrc,
                mediaSsrc);
        writePairs(dst, off + RtcpHeader.FEEDBACK_HEADER_LENGTH);
        return size;
    }
}
