package org.bangban.relay.rtp;

import static org.bangban.relay.rtp.Bytes.u16;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RTP header extensions (RFC 8285) read and rewritten in place, one-byte (0xBEDE) and two-byte
 * (0x100X) profiles. Nothing here allocates except {@link #mid}.
 *
 * <p>{@link #find} returns the element's data as a packed {@code long}: the absolute index of the
 * first data byte in the high 32 bits and the data length in the low 32 bits, or {@link #NOT_FOUND}.
 * Decode it with {@link #dataOffset} and {@link #dataLength}. All methods are safe on any input:
 * packets that fail {@link RtpPacket#validate} and malformed extension blocks give
 * {@link #NOT_FOUND} / -1 / false. Ids are the ones negotiated in SDP ({@code a=extmap}).
 */
public final class RtpHeaderExtensions {

    public static final long NOT_FOUND = -1L;
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Two-byte profile: 0x100 in the top 12 bits, "appbits" in the low 4 (RFC 8285 section 4.3). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    public static final String URI_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String URI_TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String URI_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String URI_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    private RtpHeaderExtensions() {
    }

    /** Finds extension element {@code id}; see the class comment for the packed result. */
    public static long find(byte[] buf, int off, int len, int id) {
        if (RtpPacket.validate(buf, off, len) != RtpValidity.VALID || !RtpPacket.hasExtension(buf, off)) {
            return NOT_FOUND;
        }
        int extHeader = off + RtpPacket.FIXED_HEADER_LENGTH + 4 * RtpPacket.csrcCount(buf, off);
        int profile = u16(buf, extHeader);
        int data = extHeader + 4;
        int dataEnd = data + 4 * u16(buf, extHeader + 2);
        if (profile == ONE_BYTE_PROFILE) {
            return id >= 1 && id <= 14 ? scanOneByte(buf, data, dataEnd, id) : NOT_FOUND;
        }
        if ((profile & 0xFFF0) == TWO_BYTE_PROFILE) {
            return id >= 1 && id <= 255 ? scanTwoByte(buf, data, dataEnd, id) : NOT_FOUND;
        }
        return NOT_FOUND;
    }

    private static long scanOneByte(byte[] buf, int p, int end, int id) {
        while (p < end) {
            int b = buf[p] & 0xFF;
            if (b == 0) { // padding
                p++;
                continue;
            }
            int elementId = b >>> 4;
            if (elementId == 15) { // reserved: stop parsing (RFC 8285 section 4.2)
                return NOT_FOUND;
            }
            int length = (b & 0x0F) + 1;
            if (p + 1 + length > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(p + 1, length);
            }
            p += 1 + length;
        }
        return NOT_FOUND;
    }

    private static long scanTwoByte(byte[] buf, int p, int end, int id) {
        while (p < end) {
            int elementId = buf[p] & 0xFF;
            if (elementId == 0) { // padding
                p++;
                continue;
            }
            if (p + 2 > end) {
                return NOT_FOUND;
            }
            int length = buf[p + 1] & 0xFF;
            if (p + 2 + length > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(p + 2, length);
            }
            p += 2 + length;
        }
        return NOT_FOUND;
    }

    private static long pack(int dataOffset, int length) {
        return ((long) dataOffset << 32) | length;
    }

    /** Absolute index of the element's first data byte (from a {@link #find} result other than NOT_FOUND). */
    public static int dataOffset(long found) {
        return (int) (found >>> 32);
    }

    /** Data length in bytes (from a {@link #find} result other than NOT_FOUND). */
    public static int dataLength(long found) {
        return (int) found;
    }

    /**
     * Reads element {@code id} as a big-endian unsigned number of exactly {@code width} bytes (1..3),
     * or -1 when it is absent or has another length.
     */
    public static int readUnsigned(byte[] buf, int off, int len, int id, int width) {
        long f = find(buf, off, len, id);
        if (f == NOT_FOUND || dataLength(f) != width || width < 1 || width > 3) {
            return -1;
        }
        int v = 0;
        for (int i = dataOffset(f), end = i + width; i < end; i++) {
            v = (v << 8) | (buf[i] & 0xFF);
        }
        return v;
    }

    /**
     * Overwrites element {@code id}, which must be exactly {@code width} bytes (1..4), with the low
     * {@code width} bytes of {@code value}, big-endian. False (nothing written) when absent or of
     * another length.
     */
    public static boolean writeUnsigned(byte[] buf, int off, int len, int id, int width, int value) {
        long f = find(buf, off, len, id);
        if (f == NOT_FOUND || dataLength(f) != width || width < 1 || width > 4) {
            return false;
        }
        int start = dataOffset(f);
        for (int i = start + width - 1, v = value; i >= start; i--, v >>>= 8) {
            buf[i] = (byte) v;
        }
        return true;
    }

    /** Transport-wide sequence number (2 bytes), or -1. */
    public static int transportSequenceNumber(byte[] buf, int off, int len, int id) {
        return readUnsigned(buf, off, len, id, 2);
    }

    public static boolean setTransportSequenceNumber(byte[] buf, int off, int len, int id, int seq) {
        return writeUnsigned(buf, off, len, id, 2, seq);
    }

    /** abs-send-time (3 bytes, 6.18 fixed-point seconds), or -1. */
    public static int absSendTime(byte[] buf, int off, int len, int id) {
        return readUnsigned(buf, off, len, id, 3);
    }

    public static boolean setAbsSendTime(byte[] buf, int off, int len, int id, int absSendTime24) {
        return writeUnsigned(buf, off, len, id, 3, absSendTime24);
    }

    /** A clock in nanoseconds as abs-send-time: seconds in 6.18 fixed point, modulo 64 s. */
    public static int absSendTimeFromNanos(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        return (int) (((seconds << 18) + (frac << 18) / 1_000_000_000L) & 0xFFFFFF);
    }

    /**
     * ssrc-audio-level (RFC 6464) first data byte 0..255 (voice flag in bit 7, level in -dBov in the
     * low 7 bits), or -1. Decode with {@link #audioLevel(int)} and {@link #voiceActivity(int)}.
     */
    public static int audioLevelByte(byte[] buf, int off, int len, int id) {
        long f = find(buf, off, len, id);
        return f == NOT_FOUND || dataLength(f) < 1 ? -1 : buf[dataOffset(f)] & 0xFF;
    }

    /** Level in -dBov, 0 (loudest) .. 127 (silence), from {@link #audioLevelByte}. */
    public static int audioLevel(int levelByte) {
        return levelByte & 0x7F;
    }

    /** The V flag of {@link #audioLevelByte}: the sender thinks the packet contains voice. */
    public static boolean voiceActivity(int levelByte) {
        return (levelByte & 0x80) != 0;
    }

    /** The sdes:mid value (RFC 9143 / RFC 8843), or null when absent. Allocates a String. */
    public static String mid(byte[] buf, int off, int len, int id) {
        long f = find(buf, off, len, id);
        return f == NOT_FOUND ? null : new String(buf, dataOffset(f), dataLength(f), StandardCharsets.UTF_8);
    }

    /** True when the sdes:mid element equals {@code mid} byte for byte. Allocation-free. */
    public static boolean midEquals(byte[] buf, int off, int len, int id, byte[] mid) {
        long f = find(buf, off, len, id);
        if (f == NOT_FOUND || mid == null || dataLength(f) != mid.length) {
            return false;
        }
        int start = dataOffset(f);
        return Arrays.equals(buf, start, start + mid.length, mid, 0, mid.length);
    }
}
