package org.bangban.materials;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The materials contract on a real SQLite file. */
class SqliteMaterialsTest extends MaterialsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
