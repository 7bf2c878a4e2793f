package org.bangban.casefeed;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session feed contract on the machine's real PostgreSQL: a fresh database per run, emptied before each test. */
class PostgresCaseFeedTest extends CaseFeedContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
