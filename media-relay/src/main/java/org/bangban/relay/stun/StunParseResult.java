package org.bangban.relay.stun;

import java.util.Objects;

/**
 * Outcome of {@link StunMessage#parse}. Parsing never throws for malformed input; garbage yields
 * {@link Invalid} so the caller can drop and count it.
 */
public sealed interface StunParseResult permits StunParseResult.Parsed, StunParseResult.Invalid {

    /** A structurally valid STUN message. Integrity and fingerprint are NOT checked by parsing. */
    record Parsed(StunMessage message) implements StunParseResult {
        public Parsed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Input that is not a well-formed STUN message. {@code reason} has bounded cardinality so it can
     * be used directly as a metrics tag when counting dropped datagrams.
     */
    record Invalid(Reason reason) implements StunParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a datagram was rejected. */
    enum Reason {
        NULL_BUFFER,
        BAD_BOUNDS,
        TOO_SHORT,
        /** First two bits of the message type are not 00 (RTP, DTLS, ... per RFC 7983). */
        NOT_STUN_TYPE_BITS,
        BAD_MAGIC_COOKIE,
        LENGTH_NOT_MULTIPLE_OF_4,
        LENGTH_BEYOND_BUFFER,
        /** Datagram longer than 20 + header length. */
        TRAILING_BYTES,
        TRUNCATED_ATTRIBUTE_HEADER,
        ATTRIBUTE_OVERRUN,
        ATTRIBUTE_AFTER_FINGERPRINT,
        BAD_USERNAME,
        BAD_MESSAGE_INTEGRITY,
        BAD_FINGERPRINT,
        BAD_XOR_MAPPED_ADDRESS,
        BAD_PRIORITY,
        BAD_USE_CANDIDATE,
        BAD_ICE_CONTROLLING,
        BAD_ICE_CONTROLLED,
        BAD_ERROR_CODE
    }
}
