package org.bangban.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Opening a store that cannot be opened says what went wrong and what to check. */
class RecordStoreOpeningTest {

    @Test
    void aUrlOfAnotherDatabaseIsRefused() {
        assertThatThrownBy(() -> RecordStore.open("jdbc:mysql://db/bangban", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/bangban").hasMessageContaining("db.url");
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> RecordStore.open("jdbc:postgresql://127.0.0.1:1/bangban?password=s3cret",
                "bangban", "s3cret"))
                .isInstanceOf(RecordStoreException.class)
                .hasMessageContaining("cannot connect to the record store")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("db.url")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void secretsAreTakenOutOfUrls() {
        assertThat(RecordStore.withoutSecrets("jdbc:postgresql://h/db?user=a&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }
}
