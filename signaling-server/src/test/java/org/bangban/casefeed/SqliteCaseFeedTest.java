package org.bangban.casefeed;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session feed contract on a real SQLite file. */
class SqliteCaseFeedTest extends CaseFeedContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
