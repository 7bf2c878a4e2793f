package org.bangban.durability;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The case log's durability on the machine's real PostgreSQL, a fresh database for the run. */
class PostgresCaseLogDurabilityTest extends CaseLogDurabilityContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
