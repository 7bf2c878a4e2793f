package org.bangban.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database a record store contract runs on, as a JUnit extension: a subclass of a contract registers one on a
 * static field and hands it to the contract, which opens (and closes) its stores on it.
 *
 * <pre>
 * class PostgresCasesTest extends CasesContract {
 *     &#64;RegisterExtension
 *     static final StoreFixture DATABASE = StoreFixture.postgres();
 *
 *     &#64;Override
 *     protected StoreFixture database() {
 *         return DATABASE;
 *     }
 * }
 * </pre>
 *
 * {@link #postgres()}: a fresh database on the machine's PostgreSQL ({@link PostgresTestDatabase}) for the class,
 * emptied before each test, dropped after the last. {@link #sqlite()}: a real SQLite file in a fresh directory
 * for each test, deleted after it.
 */
public abstract sealed class StoreFixture
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** A fresh PostgreSQL database for the test class; fails (never skips) when PostgreSQL is down. */
    public static Postgres postgres() {
        return new Postgres();
    }

    /** A SQLite file {@code bangban.db} in a fresh directory for each test. */
    public static Sqlite sqlite() {
        return sqlite("bangban.db");
    }

    /** A SQLite file at {@code relativeFile} (the store makes its missing directories) in a fresh directory per test. */
    public static Sqlite sqlite(String relativeFile) {
        return new Sqlite(relativeFile);
    }

    /** A new store on this test's database, migrated (may be called more than once: a second node, a restart). */
    public abstract RecordStore openStore();

    /** A connection that does not come from any store's pool: sees only what was committed. */
    public abstract Connection rawConnection() throws SQLException;

    /** The store as a separate process is told to open it: JDBC URL and user ("-" for none). */
    public abstract List<String> storeArgs();

    @Override
    public void beforeAll(ExtensionContext context) {
    }

    @Override
    public void afterAll(ExtensionContext context) {
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
    }

    /** One fresh PostgreSQL database for the class, emptied before each test. */
    public static final class Postgres extends StoreFixture {
        private PostgresTestDatabase database;

        private Postgres() {
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            database = PostgresTestDatabase.create();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (database != null) database.close();
            database = null;
        }

        /** Every table but Flyway's history is emptied: each test starts from a migrated, empty schema. */
        @Override
        public void beforeEach(ExtensionContext context) {
            database.truncateAll();
        }

        @Override
        public RecordStore openStore() {
            return database.openStore();
        }

        @Override
        public Connection rawConnection() throws SQLException {
            return database.rawConnection();
        }

        @Override
        public List<String> storeArgs() {
            return List.of(database.jdbcUrl(), PostgresTestDatabase.USER);
        }
    }

    /** A SQLite file in a fresh directory for each test. */
    public static final class Sqlite extends StoreFixture {
        private final String relativeFile;
        private Path dir;

        private Sqlite(String relativeFile) {
            this.relativeFile = relativeFile;
        }

        @Override
        public void beforeEach(ExtensionContext context) throws IOException {
            dir = Files.createTempDirectory("bangban-store-test-");
        }

        @Override
        public void afterEach(ExtensionContext context) throws IOException {
            if (dir == null) return;
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
            dir = null;
        }

        /** This test's directory, which holds the file (and whatever else the test puts there). */
        public Path dir() {
            if (dir == null) throw new IllegalStateException("the SQLite fixture has a directory only during a test");
            return dir;
        }

        /** The database file (absolute). */
        public Path file() {
            return dir().resolve(relativeFile).toAbsolutePath();
        }

        @Override
        public RecordStore openStore() {
            return RecordStore.sqliteFile(file());
        }

        @Override
        public Connection rawConnection() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + file());
        }

        @Override
        public List<String> storeArgs() {
            return List.of("jdbc:sqlite:" + file(), "-");
        }
    }
}
