package org.bangban.relay.rtp;

import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.u16;

/**
 * RTP retransmission payload format (RFC 4588): an RTX packet is the original header (with the RTX
 * stream's SSRC, payload type and sequence number) followed by the 2-byte original sequence number
 * (OSN) and the original payload. Both directions work in place or into a caller buffer, without
 * allocating. Padding of the input is dropped (the P bit of the output is clear).
 */
public final class Rtx {

    /** Length of the original-sequence-number field that precedes the payload. */
    public static final int OSN_LENGTH = 2;

    private Rtx() {
    }

    /**
     * The original sequence number carried by an RTX packet, or -1 when the bytes are not valid RTP
     * or the payload is shorter than 2 bytes (a padding-only probe packet).
     */
    public static int originalSequenceNumber(byte[] buf, int off, int len) {
        if (!RtpPacket.isValid(buf, off, len) || RtpPacket.payloadLength(buf, off, len) < OSN_LENGTH) {
            return -1;
        }
        return u16(buf, RtpPacket.payloadOffset(buf, off));
    }

    /**
     * Turns the RTX packet at {@code [off, off + len)} back into the original packet, in place: the
     * sequence number becomes the OSN, SSRC and payload type become the given originals, the payload
     * moves 2 bytes forward and padding is dropped. Returns the new length, or -1 (buffer untouched)
     * when there is no OSN (see {@link #originalSequenceNumber}).
     */
    public static int unwrap(byte[] buf, int off, int len, int originalSsrc, int originalPayloadType) {
        int osn = originalSequenceNumber(buf, off, len);
        if (osn < 0) {
            return -1;
        }
        int headerLen = RtpPacket.headerLength(buf, off);
        int payloadLen = RtpPacket.payloadLength(buf, off, len) - OSN_LENGTH;
        System.arraycopy(buf, off + headerLen + OSN_LENGTH, buf, off + headerLen, payloadLen);
        RtpPacket.clearPadding(buf, off);
        RtpPacket.setSequenceNumber(buf, off, osn);
        RtpPacket.setSsrc(buf, off, originalSsrc);
        RtpPacket.setPayloadType(buf, off, originalPayloadType);
        return headerLen + payloadLen;
    }

    /**
     * Builds the RTX packet for the original packet {@code [srcOff, srcOff + srcLen)} at
     * {@code dst[dstOff]}: same header (CSRCs, extensions, marker, timestamp) with the RTX SSRC,
     * payload type and sequence number, then the OSN, then the original payload. Returns the RTX
     * packet's length ({@link #wrappedLength}), or -1 (nothing written) when the source is not valid
     * RTP or {@code dst} has no room. {@code dst} may be {@code src} with {@code dstOff == srcOff}
     * (in-place wrap, needing 2 spare bytes after the packet); other overlaps are not supported.
     */
    public static int wrap(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
                           int rtxSsrc, int rtxPayloadType, int rtxSeq) {
        if (!RtpPacket.isValid(src, srcOff, srcLen)) {
            return -1;
        }
        int headerLen = RtpPacket.headerLength(src, srcOff);
        int payloadLen = RtpPacket.payloadLength(src, srcOff, srcLen);
        int total = headerLen + OSN_LENGTH + payloadLen;
        if (!Bytes.inBounds(dst, dstOff, total)) {
            return -1;
        }
        int osn = RtpPacket.sequenceNumber(src, srcOff);
        System.arraycopy(src, srcOff + headerLen, dst, dstOff + headerLen + OSN_LENGTH, payloadLen);
        System.arraycopy(src, srcOff, dst, dstOff, headerLen);
        put16(dst, dstOff + headerLen, osn);
        RtpPacket.clearPadding(dst, dstOff);
        RtpPacket.setSequenceNumber(dst, dstOff, rtxSeq);
        RtpPacket.setSsrc(dst, dstOff, rtxSsrc);
        RtpPacket.setPayloadType(dst, dstOff, rtxPayloadType);
        return total;
    }

    /** Length of the RTX packet {@link #wrap} builds from a valid packet, or -1 when it is not valid. */
    public static int wrappedLength(byte[] src, int srcOff, int srcLen) {
        return RtpPacket.isValid(src, srcOff, srcLen) ? RtpPacket.headerLength(src, srcOff) + OSN_LENGTH
                + RtpPacket.payloadLength(src, srcOff, srcLen) : -1;
    }
}
