package org.bangban.materials;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The materials contract on the machine's real PostgreSQL: a fresh database per run, emptied before each test. */
class PostgresMaterialsTest extends MaterialsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
