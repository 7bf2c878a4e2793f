package org.bangban.cases;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The case log contract on the machine's real PostgreSQL: a fresh database per run, emptied before each test. */
class PostgresCasesTest extends CasesContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
