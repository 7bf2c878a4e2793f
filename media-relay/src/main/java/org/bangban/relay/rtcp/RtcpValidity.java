package org.bangban.relay.rtcp;

/**
 * Result of RTCP validation and parsing: {@link #VALID} or why a compound packet was rejected.
 * Bounded set, usable as a metrics tag.
 */
public enum RtcpValidity {
    VALID,
    NULL_BUFFER,
    BAD_BOUNDS,
    /** Empty, or fewer than 4 bytes left for the next packet's header. */
    TOO_SHORT,
    BAD_VERSION,
    /** A packet's length field runs past the end of the datagram. */
    LENGTH_BEYOND_BUFFER,
    /** P bit set but the padding count is 0 or larger than the packet body. */
    BAD_PADDING,
    BAD_SENDER_REPORT,
    BAD_RECEIVER_REPORT,
    BAD_SDES,
    BAD_BYE,
    /** A transport or payload-specific feedback packet shorter than its 12-byte common part. */
    BAD_FEEDBACK,
    BAD_NACK,
    BAD_TRANSPORT_CC,
    BAD_FIR,
    BAD_REMB
}
