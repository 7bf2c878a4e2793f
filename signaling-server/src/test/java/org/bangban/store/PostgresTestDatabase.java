package org.bangban.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fresh PostgreSQL database for one test class run on the machine's server (127.0.0.1:5432, user postgres,
 * trust authentication): created through the {@code postgres} database, dropped afterwards. When the server is
 * not reachable the tests FAIL (they do not skip): the record store must be proven on PostgreSQL.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    public static PostgresTestDatabase create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "bangban_test_" + HexFormat.of().formatHex(random);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at 127.0.0.1:5432 as user 'postgres' without a password (" + e.getMessage()
                    + "). These contract tests need a real PostgreSQL: start it (e.g. 'service postgresql start') and"
                    + " allow trust authentication for postgres on 127.0.0.1, then run the tests again.", e);
        }
        return new PostgresTestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return HOST_URL + name;
    }

    public RecordStore openStore() {
        return RecordStore.open(jdbcUrl(), USER, null);
    }

    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, null);
    }

    /** Empties every table but Flyway's history, so each test starts from a migrated, empty schema. */
    public void truncateAll() {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                    + " AND table_name <> 'flyway_schema_history'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            if (!tables.isEmpty()) s.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty test database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + "; drop it by hand: " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(HOST_URL + "postgres", USER, null);
    }
}
