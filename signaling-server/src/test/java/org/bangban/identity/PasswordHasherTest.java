package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("帮办-demo-1".toCharArray());
        assertThat(hash).startsWith("$2b$10$").hasSize(60);
        assertThat(hasher.verify("帮办-demo-1".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("帮办-demo-2".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        String a = hasher.hash("secret".toCharArray());
        String b = hasher.hash("secret".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("secret".toCharArray(), a)).isTrue();
        assertThat(hasher.verify("secret".toCharArray(), b)).isTrue();
    }

    @Test
    void theCostIsConfigurableAndAHashOfAnotherCostStillVerifies() {
        PasswordHasher cheap = new PasswordHasher(4);
        String hash = cheap.hash("pw".toCharArray());
        assertThat(hash).startsWith("$2b$04$");
        assertThat(hasher.verify("pw".toCharArray(), hash)).isTrue();
        assertThatThrownBy(() -> new PasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedHashIsAFailedCheckNotACrash() {
        assertThat(hasher.verify("pw".toCharArray(), "not a hash")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), null)).isFalse();
        assertThat(hasher.verify(null, hasher.hash("pw".toCharArray()))).isFalse();
    }

    @Test
    void emptyAndOverlongPasswordsAreRefused() {
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        // 25 CJK characters are 75 bytes in UTF-8: bcrypt would silently ignore the last ones
        assertThatThrownBy(() -> hasher.hash("密".repeat(25).toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("72 bytes");
        assertThat(hasher.verify("x".repeat(72).toCharArray(), hasher.hash("x".repeat(72).toCharArray()))).isTrue();
    }
}
