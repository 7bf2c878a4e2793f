package org.bangban.caseapi;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterAll;

/** The case API on a node whose record store is the machine's PostgreSQL (a fresh database). */
class PostgresCaseApiTest extends CaseApiScenarios {
    private PostgresTestDatabase db;

    @Override
    RecordStore openRecords(Path dataDir) {
        db = PostgresTestDatabase.create();
        return db.openStore();
    }

    @Override
    Map<String, String> databaseOverrides(Path dataDir) {
        return Map.of("db.url", db.jdbcUrl(), "db.user", PostgresTestDatabase.USER, "demo", "false");
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) db.close();
    }
}
