package org.bangban.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The record store contract on the machine's real PostgreSQL (127.0.0.1:5432, user postgres): one fresh
 * database per run, emptied before each test, dropped at the end. Fails, never skips, when PostgreSQL is down.
 */
class PostgresRecordStoreTest extends RecordStoreContract {
    @RegisterExtension
    static final StoreFixture DATABASE = StoreFixture.postgres();

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}
