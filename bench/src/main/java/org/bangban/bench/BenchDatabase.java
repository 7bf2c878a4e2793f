package org.bangban.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.bangban.store.RecordStore;

/**
 * A throw-away record store for a benchmark: a SQLite file in a temp directory (synchronous=FULL, as the server
 * runs it), or a fresh PostgreSQL database {@code bangban_bench_<random>} created on the server at {@code --pg-url}
 * and dropped at the end.
 */
final class BenchDatabase implements AutoCloseable {
    final String kind;
    final RecordStore store;
    private final Path dir;
    private final String adminUrl;
    private final String user;
    private final String name;

    private BenchDatabase(String kind, RecordStore store, Path dir, String adminUrl, String user, String name) {
        this.kind = kind;
        this.store = store;
        this.dir = dir;
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = name;
    }

    /**
     * @param kind  sqlite or postgres
     * @param pgUrl the PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/ (a database is created on it)
     */
    static BenchDatabase open(String kind, String pgUrl, String pgUser) throws IOException, SQLException {
        if ("sqlite".equals(kind)) {
            Path dir = Files.createTempDirectory("bangban-bench-");
            return new BenchDatabase(kind, RecordStore.sqliteFile(dir.resolve("bangban.db")), dir, null, null, null);
        }
        String base = pgUrl.endsWith("/") ? pgUrl : pgUrl + "/";
        String name = "bangban_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base + "postgres", pgUser, null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        // reWriteBatchedInserts turns a JDBC batch into multi-row INSERTs: the bulk load's fast path
        RecordStore store = RecordStore.open(base + name + "?reWriteBatchedInserts=true", pgUser, null);
        return new BenchDatabase(kind, store, null, base + "postgres", pgUser, name);
    }

    /** The database file's size in MB (SQLite, with its WAL), or the database's size (PostgreSQL). */
    long sizeMb() {
        try {
            if (dir != null) {
                long bytes = 0;
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files::iterator) bytes += Files.size(p);
                }
                return bytes >> 20;
            }
            return store.read("the database size", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    return rs.getLong(1) >> 20;
                }
            });
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        store.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        } else {
            try (Connection c = DriverManager.getConnection(adminUrl, user, null); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The 1-minute load average, from /proc/loadavg ("?" where there is none). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
