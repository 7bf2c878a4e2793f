package org.bangban.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes ids for guest applicants (no portal account): {@code guest:} + 128 random bits, base64url. Unguessable,
 * so holding one's id is as good as nothing without the signed session token, and ids never leak who anyone is.
 */
public final class GuestIds {
    private final SecureRandom random;

    public GuestIds() {
        this(Randoms.ownGenerator());
    }

    public GuestIds(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Principal.GUEST_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new guest principal. */
    public Principal newGuest() {
        return Principal.guest(next());
    }
}
