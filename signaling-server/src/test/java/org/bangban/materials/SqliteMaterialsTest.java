package org.bangban.materials;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.io.TempDir;

/** The materials contract on a real SQLite file. */
class SqliteMaterialsTest extends MaterialsContract {
    @TempDir
    Path dbDir;

    private Path file() {
        return dbDir.resolve("bangban.db");
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
