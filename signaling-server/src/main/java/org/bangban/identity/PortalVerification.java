package org.bangban.identity;

import java.util.Objects;
import java.util.Optional;

/** The result of checking a portal-issued applicant token: the applicant, or why the token was refused. */
public sealed interface PortalVerification permits PortalVerification.Verified, PortalVerification.Rejected {

    /** The applicant, when verified. */
    Optional<Principal> toOptional();

    /** The token is good: the applicant, id {@code portal:<sub>}. */
    record Verified(Principal principal) implements PortalVerification {
        public Verified {
            Objects.requireNonNull(principal, "principal");
        }

        @Override
        public Optional<Principal> toOptional() {
            return Optional.of(principal);
        }
    }

    /**
     * The token was refused. The reason and detail are for the server log; the applicant is only told
     * {@code auth_failed}. The detail never holds the token or personal data.
     */
    record Rejected(Reason reason, String detail) implements PortalVerification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Principal> toOptional() {
            return Optional.empty();
        }
    }

    enum Reason {
        /** Not a JWT, or claims that are not JSON. */
        MALFORMED,
        /** Unsigned ({@code alg: none}), encrypted, or signed with another algorithm than the configured one. */
        ALG_NOT_ALLOWED,
        /** The signature does not match the configured key: forged, or signed with another key. */
        BAD_SIGNATURE,
        /** No {@code exp} claim: the portal must issue expiring tokens. */
        MISSING_EXPIRY,
        EXPIRED,
        /** {@code nbf} is in the future. */
        NOT_YET_VALID,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        /** No {@code sub}: there is nobody to identify. */
        MISSING_SUBJECT,
        /** A claim has the wrong type or size (e.g. {@code real_name} not a boolean). */
        BAD_CLAIM
    }
}
