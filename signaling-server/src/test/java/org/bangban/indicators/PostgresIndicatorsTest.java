package org.bangban.indicators;

import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The indicators of the known data set on the machine's real PostgreSQL (a fresh database, emptied per test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIndicatorsTest extends IndicatorsContract {
    private PostgresTestDatabase database;

    @BeforeAll
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) database.close();
    }

    /** Emptied before each test (the contract's set-up calls this first, then writes the data set). */
    @Override
    protected RecordStore openStore() {
        RecordStore s = database.openStore();
        database.truncateAll();
        return s;
    }
}
