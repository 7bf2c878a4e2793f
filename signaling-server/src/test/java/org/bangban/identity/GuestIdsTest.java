package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestIdsTest {
    private final GuestIds ids = new GuestIds();

    @Test
    void aGuestIdIsThePrefixAnd128RandomBitsInBase64url() {
        String id = ids.next();
        assertThat(id).startsWith("guest:").matches("guest:[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(id.substring("guest:".length()))).hasSize(16);
    }

    @Test
    void guestIdsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) assertThat(seen.add(ids.next())).isTrue();
    }

    @Test
    void aNewGuestIsAnUnverifiedApplicant() {
        Principal guest = ids.newGuest();
        assertThat(guest.role()).isEqualTo(Role.APPLICANT);
        assertThat(guest.realNameVerified()).isFalse();
        assertThat(guest.id()).startsWith(Principal.GUEST_PREFIX);
        assertThatThrownBy(() -> Principal.guest("portal:x")).isInstanceOf(IllegalArgumentException.class);
    }
}
