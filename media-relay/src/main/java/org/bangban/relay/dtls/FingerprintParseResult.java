package org.bangban.relay.dtls;

import java.util.Objects;

/**
 * Outcome of {@link Fingerprint#parse}. Parsing never throws for malformed input: a bad SDP
 * {@code a=fingerprint} value yields {@link Invalid} with a reason of bounded cardinality, usable
 * as a metrics tag.
 */
public sealed interface FingerprintParseResult
        permits FingerprintParseResult.Parsed, FingerprintParseResult.Invalid {

    /** A well-formed fingerprint with a supported hash function. */
    record Parsed(Fingerprint fingerprint) implements FingerprintParseResult {
        public Parsed {
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** A value that is not a usable fingerprint. */
    record Invalid(Reason reason) implements FingerprintParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a fingerprint value was rejected. */
    enum Reason {
        NULL_INPUT,
        /** Longer than any supported fingerprint could be. */
        TOO_LONG,
        /** No space between hash function and hex digest. */
        MISSING_DIGEST,
        /** A hash function other than sha-1, sha-256, sha-384, sha-512 (e.g. md5). */
        UNSUPPORTED_HASH,
        /** Not pairs of hex digits separated by single colons. */
        BAD_HEX,
        /** Number of bytes does not match the hash function. */
        WRONG_LENGTH
    }
}
