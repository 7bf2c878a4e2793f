package org.bangban.durability;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The case log's durability on the machine's real PostgreSQL, a fresh database for the run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCaseLogDurabilityTest extends CaseLogDurabilityContract {
    private PostgresTestDatabase database;

    @BeforeAll
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) database.close();
    }

    @Override
    protected List<String> storeArgs() {
        return List.of(database.jdbcUrl(), PostgresTestDatabase.USER);
    }

    @Override
    protected RecordStore openStore() {
        return database.openStore();
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return database.rawConnection();
    }
}
