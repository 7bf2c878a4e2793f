package org.bangban.relay.rtp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.u16;

/**
 * Static, allocation-free access to an RTP packet (RFC 3550 section 5.1) held in place in a byte
 * array at {@code [off, off + len)}.
 *
 * <p>Call {@link #validate} once per packet; the accessors and setters assume a packet that passed
 * it and do not re-check bounds. Unsigned 32-bit fields (timestamp, SSRC) are returned as {@code int}
 * with the same bit pattern.
 */
public final class RtpPacket {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_LENGTH = 12;

    private RtpPacket() {
    }

    /** Checks everything the accessors rely on. Never throws. */
    public static RtpValidity validate(byte[] buf, int off, int len) {
        if (buf == null) {
            return RtpValidity.NULL_BUFFER;
        }
        if (!Bytes.inBounds(buf, off, len)) {
            return RtpValidity.BAD_BOUNDS;
        }
        if (len < FIXED_HEADER_LENGTH) {
            return RtpValidity.TOO_SHORT;
        }
        if (version(buf, off) != VERSION) {
            return RtpValidity.BAD_VERSION;
        }
        int second = buf[off + 1] & 0xFF;
        if (second >= 192 && second <= 223) {
            return RtpValidity.RTCP_PACKET_TYPE;
        }
        int headerLen = FIXED_HEADER_LENGTH + 4 * csrcCount(buf, off);
        if (headerLen > len) {
            return RtpValidity.CSRC_OVERRUN;
        }
        if (hasExtension(buf, off)) {
            if (headerLen + 4 > len) {
                return RtpValidity.EXTENSION_OVERRUN;
            }
            headerLen += 4 + 4 * u16(buf, off + headerLen + 2);
            if (headerLen > len) {
                return RtpValidity.EXTENSION_OVERRUN;
            }
        }
        if (hasPadding(buf, off)) {
            int pad = buf[off + len - 1] & 0xFF;
            if (pad == 0 || pad > len - headerLen) {
                return RtpValidity.BAD_PADDING;
            }
        }
        return RtpValidity.VALID;
    }

    public static boolean isValid(byte[] buf, int off, int len) {
        return validate(buf, off, len) == RtpValidity.VALID;
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xFF) >>> 6;
    }

    public static boolean hasPadding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] buf, int off) {
        return (buf[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] buf, int off) {
        return buf[off] & 0x0F;
    }

    /** The {@code index}-th contributing source (0-based, below {@link #csrcCount}). */
    public static int csrc(byte[] buf, int off, int index) {
        return i32(buf, off + FIXED_HEADER_LENGTH + 4 * index);
    }

    public static boolean marker(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int off) {
        return buf[off + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] buf, int off) {
        return u16(buf, off + 2);
    }

    public static int timestamp(byte[] buf, int off) {
        return i32(buf, off + 4);
    }

    public static int ssrc(byte[] buf, int off) {
        return i32(buf, off + 8);
    }

    /** Fixed header + CSRCs + header extension (with its 4-byte header), in bytes. */
    public static int headerLength(byte[] buf, int off) {
        int n = FIXED_HEADER_LENGTH + 4 * csrcCount(buf, off);
        if (hasExtension(buf, off)) {
            n += 4 + 4 * u16(buf, off + n + 2);
        }
        return n;
    }

    /** Number of padding bytes at the end (0 when the P bit is clear). */
    public static int paddingLength(byte[] buf, int off, int len) {
        return hasPadding(buf, off) ? buf[off + len - 1] & 0xFF : 0;
    }

    /** Absolute index in {@code buf} of the first payload byte. */
    public static int payloadOffset(byte[] buf, int off) {
        return off + headerLength(buf, off);
    }

    /** Payload bytes, without header and padding. */
    public static int payloadLength(byte[] buf, int off, int len) {
        return len - headerLength(buf, off) - paddingLength(buf, off, len);
    }

    /** The 16-bit "defined by profile" value of the header extension, or -1 when the X bit is clear. */
    public static int extensionProfile(byte[] buf, int off) {
        return hasExtension(buf, off) ? u16(buf, off + FIXED_HEADER_LENGTH + 4 * csrcCount(buf, off)) : -1;
    }

    public static void setMarker(byte[] buf, int off, boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7F);
    }

    /** Sets the payload type (0..127), keeping the marker bit. */
    public static void setPayloadType(byte[] buf, int off, int payloadType) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (payloadType & 0x7F));
    }

    public static void setSequenceNumber(byte[] buf, int off, int seq) {
        put16(buf, off + 2, seq);
    }

    public static void setTimestamp(byte[] buf, int off, int timestamp) {
        put32(buf, off + 4, timestamp);
    }

    public static void setSsrc(byte[] buf, int off, int ssrc) {
        put32(buf, off + 8, ssrc);
    }

    /** Clears the P bit; the caller shortens the packet by {@link #paddingLength} first. */
    static void clearPadding(byte[] buf, int off) {
        buf[off] = (byte) (buf[off] & ~0x20);
    }

    /**
     * Writes a 12-byte fixed header (version 2, no padding, no extension, no CSRC) at {@code off}.
     * For building test and probe packets.
     */
    public static void writeFixedHeader(byte[] buf, int off, boolean marker, int payloadType, int seq,
                                        int timestamp, int ssrc) {
        buf[off] = (byte) 0x80;
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        put16(buf, off + 2, seq);
        put32(buf, off + 4, timestamp);
        put32(buf, off + 8, ssrc);
    }
}
