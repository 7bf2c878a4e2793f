package org.bangban.relay.sdp;

import java.util.Objects;

/**
 * Outcome of {@link SdpParser#parse}. Parsing never throws for malformed input; it yields {@link Invalid} naming
 * the line and what is wrong with it.
 */
public sealed interface SdpParseResult permits SdpParseResult.Parsed, SdpParseResult.Invalid {

    /** A syntactically valid description. Whether the relay can use it is the answerer's business. */
    record Parsed(SessionDescription description) implements SdpParseResult {
        public Parsed {
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * Text that is not a well-formed session description. {@code reason} has bounded cardinality (a metrics tag);
     * {@code line} is the 1-based line number (0 when the fault is not one line's); {@code detail} says what is
     * wrong in words and quotes the line (cut to 80 characters).
     */
    record Invalid(Reason reason, int line, String detail) implements SdpParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** One sentence for a log or an error reply. */
        public String message() {
            return (line > 0 ? "SDP line " + line + ": " : "SDP: ") + detail + " (" + reason + ")";
        }
    }

    /** Why a description was rejected. */
    enum Reason {
        NULL_INPUT,
        TOO_LARGE,
        EMPTY,
        LINE_TOO_LONG,
        /** A control character other than tab inside a line (a lone CR, NUL, ...). */
        BAD_CHARACTER,
        /** Not {@code <letter>=<value>}, or an empty line. */
        BAD_LINE_SYNTAX,
        UNKNOWN_LINE_TYPE,
        /** A known line type where it may not stand (a second {@code v=}, a {@code t=} inside an m-line, ...). */
        LINE_OUT_OF_PLACE,
        MISSING_VERSION,
        BAD_VERSION,
        MISSING_ORIGIN,
        BAD_ORIGIN,
        MISSING_SESSION_NAME,
        MISSING_TIMING,
        TOO_MANY_MEDIA_SECTIONS,
        BAD_MEDIA_LINE,
        /** An attribute with no name, a flag attribute with a value, or a value attribute without one. */
        BAD_ATTRIBUTE,
        /** A single-valued attribute given twice in one place (two {@code a=mid}, two directions, ...). */
        DUPLICATE_ATTRIBUTE,
        BAD_MID,
        DUPLICATE_MID,
        BAD_RTPMAP,
        BAD_FMTP,
        BAD_RTCP_FB,
        BAD_EXTMAP,
        BAD_MSID,
        BAD_SSRC,
        BAD_SSRC_GROUP,
        BAD_GROUP,
        BAD_ICE_CREDENTIALS,
        BAD_ICE_OPTIONS,
        BAD_FINGERPRINT,
        BAD_SETUP,
        BAD_CANDIDATE
    }
}
