package org.bangban.identity;

import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Staff accounts on the machine's real PostgreSQL; fails (never skips) when it is down. */
class PostgresStaffAccountsTest extends StaffAccountsContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }
}
