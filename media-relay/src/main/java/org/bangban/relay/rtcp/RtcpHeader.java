package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.u16;

import java.util.Objects;
import org.bangban.relay.rtp.Bytes;

/**
 * The 4-byte common header of every RTCP packet (RFC 3550 section 6.4) and the first fields that
 * follow it, read and written in place. Accessors assume a packet found by {@link RtcpCompound}.
 */
public final class RtcpHeader {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585): FMT 1 generic NACK, 15 transport-cc. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585, 5104): FMT 1 PLI, 4 FIR, 15 application layer (REMB). */
    public static final int PSFB = 206;
    public static final int XR = 207;

    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;

    public static final int LENGTH = 4;
    /** Header, sender SSRC and media source SSRC of a feedback packet. */
    public static final int FEEDBACK_HEADER_LENGTH = 12;

    private RtcpHeader() {
    }

    /**
     * RFC 5761 / RFC 7983 demultiplexing of RTP and RTCP on one port: version 2 and a second byte
     * of 192..223.
     */
    public static boolean looksLikeRtcp(byte[] buf, int off, int len) {
        if (!Bytes.inBounds(buf, off, len) || len < LENGTH || (buf[off] & 0xC0) != 0x80) {
            return false;
        }
        int type = buf[off + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xFF) >>> 6;
    }

    public static boolean hasPadding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    /** Report count, source count or feedback message type (FMT): the low 5 bits of byte 0. */
    public static int count(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    public static int packetType(byte[] buf, int off) {
        return buf[off + 1] & 0xFF;
    }

    /** Packet length in bytes including the header, from the length field (32-bit words minus one). */
    public static int packetLength(byte[] buf, int off) {
        return (u16(buf, off + 2) + 1) * 4;
    }

    /** First SSRC after the header: the sender of SR, RR and feedback packets. */
    public static int senderSsrc(byte[] buf, int off) {
        return i32(buf, off + 4);
    }

    public static void setSenderSsrc(byte[] buf, int off, int ssrc) {
        put32(buf, off + 4, ssrc);
    }

    /** Media source SSRC of an RTPFB/PSFB feedback packet. */
    public static int mediaSsrc(byte[] buf, int off) {
        return i32(buf, off + 8);
    }

    public static void setMediaSsrc(byte[] buf, int off, int ssrc) {
        put32(buf, off + 8, ssrc);
    }

    /**
     * Starts serialising a packet of {@code size} bytes at {@code dst[off]}: checks the room, writes
     * the header (no padding) and the first SSRC. Returns {@code size}.
     *
     * @throws IndexOutOfBoundsException when fewer than {@code size} bytes are left
     */
    static int start(byte[] dst, int off, int size, int count, int packetType, int firstSsrc) {
        Objects.checkFromIndexSize(off, size, dst.length);
        write(dst, off, false, count, packetType, size);
        put32(dst, off + 4, firstSsrc);
        return size;
    }

    /** {@link #start} for a feedback packet: also writes the media source SSRC. */
    static int startFeedback(byte[] dst, int off, int size, int fmt, int packetType, int senderSsrc, int mediaSsrc) {
        start(dst, off, size, fmt, packetType, senderSsrc);
        put32(dst, off + 8, mediaSsrc);
        return size;
    }

    /**
     * Writes a header (version 2) for a packet of {@code totalLength} bytes (a multiple of 4). With
     * {@code padded} the P bit is set; the caller writes the padding count as the last byte.
     */
    public static void write(byte[] dst, int off, boolean padded, int count, int packetType, int totalLength) {
        dst[off] = (byte) (0x80 | (padded ? 0x20 : 0) | (count & 0x1F));
        dst[off + 1] = (byte) packetType;
        put16(dst, off + 2, totalLength / 4 - 1);
    }
}
