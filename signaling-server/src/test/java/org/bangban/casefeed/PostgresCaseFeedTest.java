package org.bangban.casefeed;

import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** The session feed contract on the machine's real PostgreSQL: a fresh database per run, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCaseFeedTest extends CaseFeedContract {
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
