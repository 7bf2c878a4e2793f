package org.bangban.identity;

import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** Staff accounts on the machine's real PostgreSQL; fails (never skips) when it is down. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStaffAccountsTest extends StaffAccountsContract {
    private PostgresTestDatabase database;

    @BeforeAll
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncateAll();
    }

    @Override
    protected RecordStore openStore() {
        return database.openStore();
    }
}
