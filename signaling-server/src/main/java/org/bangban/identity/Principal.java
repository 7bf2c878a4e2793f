package org.bangban.identity;

import java.util.Objects;

/**
 * An authenticated party: an applicant (guest or portal user), a helper or a supervisor. The id spaces never
 * collide: guests are {@code guest:…}, portal applicants {@code portal:<sub>}, staff {@code staff:…}.
 *
 * @param id               stable, pseudonymous id
 * @param role             what they may do
 * @param displayName      name shown to the other side
 * @param realNameVerified true when the portal vouches the applicant is real-name verified 实名认证; false for
 *                         guests and staff
 */
public record Principal(String id, Role role, String displayName, boolean realNameVerified) {
    public static final String GUEST_PREFIX = "guest:";
    public static final String PORTAL_PREFIX = "portal:";
    public static final String STAFF_PREFIX = "staff:";
    /** Display name of an applicant who is not named to the helper (personal data stays with the portal). */
    public static final String APPLICANT_DISPLAY_NAME = "访客";

    public Principal {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a principal needs an id");
        Objects.requireNonNull(role, "role");
        if (displayName == null || displayName.isBlank()) displayName = id;
    }

    /** A guest applicant (no portal account) with an id from {@link GuestIds}. */
    public static Principal guest(String guestId) {
        if (guestId == null || !guestId.startsWith(GUEST_PREFIX)) {
            throw new IllegalArgumentException("a guest id starts with '" + GUEST_PREFIX + "', was " + guestId);
        }
        return new Principal(guestId, Role.APPLICANT, APPLICANT_DISPLAY_NAME, false);
    }
}
