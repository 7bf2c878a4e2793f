package org.bangban.relay.rtcp;

import org.bangban.relay.rtp.Bytes;

/**
 * Reusable, allocation-free cursor over the packets of a compound RTCP datagram (RFC 3550 section
 * 6.1), checking what RFC 3550 A.2 asks for: version 2 and lengths that add up exactly to the
 * datagram. The first packet need not be SR or RR (reduced-size RTCP, RFC 5506), and padding is
 * accepted on any packet (libwebrtc pads transport-cc feedback that way).
 *
 * <pre>{@code
 * RtcpCompound c = compound.reset(buf, off, len);
 * while (c.next()) { switch on c.packetType() ... c.offset(), c.contentLength() }
 * if (c.error() != RtcpValidity.VALID) drop and count c.error()
 * }</pre>
 * One instance per thread; not thread-safe.
 */
public final class RtcpCompound {

    private byte[] buf;
    private int pos;
    private int end;
    private int packetOff;
    private int packetLen;
    private int contentLen;
    private RtcpValidity error = RtcpValidity.VALID;

    /** Starts iterating {@code [off, off + len)}. Bad arguments make {@link #next} return false at once. */
    public RtcpCompound reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.packetOff = -1;
        this.packetLen = 0;
        this.contentLen = 0;
        if (buf == null) {
            error = RtcpValidity.NULL_BUFFER;
        } else if (!Bytes.inBounds(buf, off, len)) {
            error = RtcpValidity.BAD_BOUNDS;
        } else if (len < RtcpHeader.LENGTH) {
            error = RtcpValidity.TOO_SHORT;
        } else {
            error = RtcpValidity.VALID;
            pos = off;
            end = off + len;
        }
        return this;
    }

    /** Moves to the next packet. False at the end or on an error (then see {@link #error}). */
    public boolean next() {
        if (error != RtcpValidity.VALID || pos >= end) {
            return false;
        }
        if (end - pos < RtcpHeader.LENGTH) {
            return fail(RtcpValidity.TOO_SHORT);
        }
        if (RtcpHeader.version(buf, pos) != 2) {
            return fail(RtcpValidity.BAD_VERSION);
        }
        int length = RtcpHeader.packetLength(buf, pos);
        if (length > end - pos) {
            return fail(RtcpValidity.LENGTH_BEYOND_BUFFER);
        }
        int content = length;
        if (RtcpHeader.hasPadding(buf, pos)) {
            int pad = buf[pos + length - 1] & 0xFF;
            if (pad == 0 || pad > length - RtcpHeader.LENGTH) {
                return fail(RtcpValidity.BAD_PADDING);
            }
            content -= pad;
        }
        packetOff = pos;
        packetLen = length;
        contentLen = content;
        pos += length;
        return true;
    }

    private boolean fail(RtcpValidity reason) {
        error = reason;
        packetOff = -1;
        return false;
    }

    /** {@link RtcpValidity#VALID} unless iteration stopped on malformed bytes. */
    public RtcpValidity error() {
        return error;
    }

    /** Absolute index of the current packet's first byte. */
    public int offset() {
        return packetOff;
    }

    /** Current packet's length including header and padding. */
    public int length() {
        return packetLen;
    }

    /** Current packet's length without padding: the bytes its body may use. */
    public int contentLength() {
        return contentLen;
    }

    public int packetType() {
        return RtcpHeader.packetType(buf, packetOff);
    }

    /** Report/source count or feedback FMT of the current packet. */
    public int count() {
        return RtcpHeader.count(buf, packetOff);
    }

    /** Checks the compound framing only (not the packet bodies). Never throws. */
    public static RtcpValidity validate(byte[] buf, int off, int len) {
        RtcpCompound c = new RtcpCompound().reset(buf, off, len);
        while (c.next()) {
            // framing is checked by next()
        }
        return c.error();
    }
}
