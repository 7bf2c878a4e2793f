package org.bangban.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The record store contract on the machine's real PostgreSQL (127.0.0.1:5432, user postgres): one fresh
 * database per run, emptied before each test, dropped at the end. Fails, never skips, when PostgreSQL is down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRecordStoreTest extends RecordStoreContract {
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

    @Override
    protected Connection rawConnection() throws SQLException {
        return database.rawConnection();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}
