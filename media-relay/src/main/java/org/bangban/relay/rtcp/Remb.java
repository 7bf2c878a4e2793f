package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put24;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.u16;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Receiver estimated maximum bitrate, PSFB FMT 15 with identifier "REMB"
 * (draft-alvestrand-rmcat-remb-03): the total bitrate the receiver estimates for the listed media
 * SSRCs. The media source SSRC field of the common header is 0.
 *
 * <p>The bitrate travels as an 18-bit mantissa and a 6-bit exponent; the constructor drops the low
 * bits that do not fit, so a REMB survives a write/parse round trip unchanged. A received value
 * beyond 63 bits saturates to the largest one REMB can carry, {@code 0x3FFFF << 45}.
 */
public record Remb(int senderSsrc, long bitrateBps, List<Integer> ssrcs) implements RtcpPacket {

    static final int IDENTIFIER = 0x52454D42; // "REMB"
    static final int FIXED_LENGTH = 20;
    private static final int MANTISSA_MAX = 0x3FFFF;

    public Remb {
        ssrcs = List.copyOf(Objects.requireNonNull(ssrcs, "ssrcs"));
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("at most 255 SSRCs");
        }
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("negative bitrate");
        }
        int exponent = exponentFor(bitrateBps);
        bitrateBps = (bitrateBps >>> exponent) << exponent;
    }

    private static int exponentFor(long bitrate) {
        return Math.max(0, 64 - Long.numberOfLeadingZeros(bitrate) - 18);
    }

    /** True when the AFB packet at {@code off} ({@code len} content bytes) carries the REMB identifier. */
    static boolean isRemb(byte[] b, int off, int len) {
        return len >= RtcpHeader.FEEDBACK_HEADER_LENGTH + 4 && i32(b, off + 12) == IDENTIFIER;
    }

    /** Parses the REMB at {@code off} with {@code len} content bytes; null when malformed. */
    static Remb parse(byte[] b, int off, int len) {
        if (len < FIXED_LENGTH) {
            return null;
        }
        int count = b[off + 16] & 0xFF;
        if (len < FIXED_LENGTH + 4 * count) {
            return null;
        }
        int exponent = (b[off + 17] & 0xFF) >>> 2;
        long mantissa = ((b[off + 17] & 0x03L) << 16) | u16(b, off + 18);
        boolean overflows = mantissa != 0 && 64 - Long.numberOfLeadingZeros(mantissa) + exponent > 63;
        long bitrate = overflows ? Long.MAX_VALUE : mantissa << exponent; // saturates to 0x3FFFF << 45 below
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(i32(b, off + FIXED_LENGTH + 4 * i));
        }
        return new Remb(i32(b, off + 4), bitrate, ssrcs);
    }

    @Override
    public int size() {
        return FIXED_LENGTH + 4 * ssrcs.size();
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = RtcpHeader.startFeedback(dst, off, size(), RtcpHeader.FMT_AFB, RtcpHeader.PSFB, senderSsrc, 0);
        put32(dst, off + 12, IDENTIFIER);
        dst[off + 16] = (byte) ssrcs.size();
        int exponent = exponentFor(bitrateBps);
        put24(dst, off + 17, (exponent << 18) | (int) ((bitrateBps >>> exponent) & MANTISSA_MAX));
        int p = off + FIXED_LENGTH;
        for (int ssrc : ssrcs) {
            put32(dst, p, ssrc);
            p += 4;
        }
        return size;
    }
}
