package org.bangban.cases;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The case log contract on a real SQLite file. */
class SqliteCasesTest extends CasesContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite("data/bangban.db");

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
