package org.bangban.relay.rtp;

/**
 * Result of {@link RtpPacket#validate}: {@link #VALID} or why the bytes are not a usable RTP packet.
 * Bounded set, usable as a metrics tag.
 */
public enum RtpValidity {
    VALID,
    NULL_BUFFER,
    BAD_BOUNDS,
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT,
    BAD_VERSION,
    /** Marker bit plus payload type 64..95: an RTCP packet (RFC 5761 section 4). */
    RTCP_PACKET_TYPE,
    /** The CSRC list runs past the end. */
    CSRC_OVERRUN,
    /** The header extension (its 4-byte header or its data) runs past the end. */
    EXTENSION_OVERRUN,
    /** P bit set but the padding count is 0 or larger than what follows the header. */
    BAD_PADDING
}
