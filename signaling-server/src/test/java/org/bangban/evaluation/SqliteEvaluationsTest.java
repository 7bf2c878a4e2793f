package org.bangban.evaluation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation store contract on a real SQLite file. */
class SqliteEvaluationsTest extends EvaluationsContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("bangban.db");
    }

    @Override
    protected RecordStore openStore() {
        return RecordStore.sqliteFile(file());
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }
}
