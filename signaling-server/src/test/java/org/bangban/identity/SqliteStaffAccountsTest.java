package org.bangban.identity;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Staff accounts on a real SQLite file. */
class SqliteStaffAccountsTest extends StaffAccountsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.sqlite();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
