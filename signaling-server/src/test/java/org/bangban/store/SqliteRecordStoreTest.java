package org.bangban.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record store contract on a real SQLite file, plus what is particular to SQLite. */
class SqliteRecordStoreTest extends RecordStoreContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("records").resolve("bangban.db");
    }

    @Override
    protected RecordStore openStore() {
        return RecordStore.sqliteFile(file());
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.SQLITE;
    }

    @Test
    void theFileAndItsMissingDirectoriesAreCreated() {
        assertThat(Files.isRegularFile(file())).isTrue();
    }

    @Test
    void everyPooledConnectionIsDurableWalWithBusyTimeoutAndForeignKeys() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < RecordStore.SQLITE_POOL_SIZE; i++) held.add(store.dataSource().getConnection());
            for (Connection c : held) {
                assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("wal");
                assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
                assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
                assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            }
        } finally {
            for (Connection c : held) c.close();
        }
    }

    @Test
    void aJdbcUrlOfSqliteOpensTheSameWay() {
        store.close();
        store = RecordStore.open("jdbc:sqlite:" + file(), null, null);
        assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(store.description()).contains("SQLite").contains(file().toString());
    }

    @Test
    void thePoolReportsItsMetricsUnderTheNameRecords() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RecordStore measured = RecordStore.sqliteFile(dir.resolve("measured.db"), registry)) {
            new ServiceItems(measured).findAllActive();
            assertThat(registry.find("hikaricp.connections").tag("pool", RecordStore.POOL_NAME).gauge()).isNotNull();
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
