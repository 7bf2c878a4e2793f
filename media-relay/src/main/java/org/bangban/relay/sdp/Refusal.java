package org.bangban.relay.sdp;

import java.util.Objects;

/**
 * A description the relay will not negotiate with: a reason from a bounded set (a metrics tag) and a sentence
 * naming the m-line or feature at fault. Returned by {@link SdpAnswerer} and
 * {@link SdpOfferBuilder#applyAnswer}.
 */
public record Refusal(Reason reason, String detail) implements AnswerResult, AppliedAnswerResult {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Why. */
    public enum Reason {
        /** The text is not SDP; the detail carries the parser's message. */
        UNPARSABLE,
        /** Both sides are ICE-lite: nobody would run connectivity checks. */
        BOTH_ICE_LITE,
        /** An m-line without {@code a=mid}: not unified plan. */
        NO_MID,
        /** Several tracks in one m-line (plan B). */
        PLAN_B,
        /** An accepted m-line without a DTLS fingerprint. */
        NO_FINGERPRINT,
        /** SDES keying ({@code a=crypto}) without DTLS: the relay only does DTLS-SRTP. */
        SDES_ONLY,
        /** Fingerprints only with hash functions the relay cannot check. */
        UNSUPPORTED_FINGERPRINT,
        NO_ICE_CREDENTIALS,
        /** The peer's {@code a=setup} leaves the relay no DTLS server role (or, for an answer, is not active). */
        SETUP_CONFLICT,
        /** Several m-lines not all in one {@code a=group:BUNDLE}. */
        NO_BUNDLE,
        /** An RTP m-line without {@code a=rtcp-mux}. */
        NO_RTCP_MUX,
        /** Nothing left the relay could carry. */
        NO_USABLE_MEDIA,
        /** An answer whose m-lines do not line up with the offer (count or mids). */
        M_LINE_MISMATCH,
        /** The browser rejected an m-line the relay offered. */
        M_LINE_REJECTED,
        /** The answer's direction is not possible for the offered one (e.g. sendrecv to a sendonly offer). */
        DIRECTION_CONFLICT,
        /** The answer kept none of the offered codecs on an accepted m-line. */
        NO_COMMON_CODEC
    }
}
