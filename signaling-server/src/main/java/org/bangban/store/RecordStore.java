package org.bangban.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The record store: the durable part of Bangban — staff accounts, service items 事项, callbacks 预约, request
 * outcomes, and later the case log 办件 and evaluations 好差评. Nothing recorded here is lost: every write is
 * committed before {@link #write} returns.
 *
 * <p>Opening a store creates a connection pool (named {@value #POOL_NAME}) and brings the schema to the current
 * version with the Flyway migrations under {@code classpath:db/migration}. One schema and one set of migrations
 * serve both databases:
 * <ul>
 *   <li><b>SQLite</b> (embedded profile): a single file, WAL journal, {@code synchronous=FULL} so a commit is on disk
 *   before it is acknowledged, {@code busy_timeout=5000}, foreign keys on — on every connection. SQLite allows one
 *   writer at a time. The pool holds {@value #SQLITE_POOL_SIZE} connections so that reads run alongside a write
 *   (WAL readers never block the writer), and this store serializes its own writes with a lock, so two of our
 *   writers never meet SQLite's write lock (where they would wait up to the busy timeout or, for a read that turns
 *   into a write, fail at once with SQLITE_BUSY). The busy timeout still covers other processes, e.g. a backup.
 *   Writers that wait for the lock are committed together (group commit, see {@link #write}): a disk sync costs
 *   milliseconds, and one per write would cap the store at a few hundred writes a second.</li>
 *   <li><b>PostgreSQL</b> (production profile, shared by every signaling node): a pool of
 *   {@value #POSTGRESQL_POOL_SIZE}; writes run concurrently, PostgreSQL's own locking keeps them correct.</li>
 * </ul>
 *
 * <p>Repositories are small classes over this store that call {@link #read} and {@link #write} with plain JDBC.
 * A later table (cases, evaluations) needs a new migration {@code V<n>__<what>.sql} and a repository, nothing else.
 */
public final class RecordStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordStore.class);

    public static final String POOL_NAME = "records";
    static final int SQLITE_POOL_SIZE = 4;
    static final int POSTGRESQL_POOL_SIZE = 10;
    static final int SQLITE_BUSY_TIMEOUT_MS = 5000;
    static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String description;
    /** Serializes writes on SQLite (one writer at a time); null on PostgreSQL. */
    private final ReentrantLock writeLock;
    /** SQLite writes waiting for the next group commit. */
    private final Queue<PendingWrite<?>> waitingWrites = new ConcurrentLinkedQueue<>();
    private final AtomicLong transactions = new AtomicLong();

    private RecordStore(HikariDataSource pool, Dialect dialect, String description) {
        this.pool = pool;
        this.dialect = dialect;
        this.description = description;
        this.writeLock = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /** Opens the store at a JDBC URL ({@code jdbc:postgresql:…} or {@code jdbc:sqlite:…}), without metrics. */
    public static RecordStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, null);
    }

    /**
     * Opens the store at a JDBC URL and migrates it to the current schema.
     *
     * @param user     database user; null or blank for none (SQLite, or PostgreSQL trust/peer authentication)
     * @param password database password; null or blank for none
     * @param metrics  registry the pool's metrics go to (tag {@code pool=records}); null for none
     * @throws RecordStoreException when the database cannot be reached or the migration fails
     */
    public static RecordStore open(String jdbcUrl, String user, String password, MeterRegistry metrics) {
        Dialect dialect = Dialect.ofJdbcUrl(jdbcUrl);
        HikariConfig config = baseConfig(metrics);
        String description;
        if (dialect == Dialect.SQLITE) {
            config.setDataSource(sqliteDataSource(jdbcUrl.trim()));
            config.setMaximumPoolSize(SQLITE_POOL_SIZE);
            description = "SQLite " + jdbcUrl.trim();
        } else {
            config.setJdbcUrl(jdbcUrl.trim());
            if (user != null && !user.isBlank()) config.setUsername(user);
            if (password != null && !password.isEmpty()) config.setPassword(password);
            config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
            description = "PostgreSQL " + withoutSecrets(jdbcUrl.trim())
                    + (user == null || user.isBlank() ? "" : " as " + user);
        }
        return start(config, dialect, description);
    }

    /** Opens (creating if needed) a SQLite store in the given file, without metrics. */
    public static RecordStore sqliteFile(Path file) {
        return sqliteFile(file, null);
    }

    /**
     * Opens (creating if needed) a SQLite store in the given file; missing parent directories are created.
     *
     * @param metrics registry the pool's metrics go to; null for none
     */
    public static RecordStore sqliteFile(Path file, MeterRegistry metrics) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new RecordStoreException("cannot create the directory " + parent + " for the record store file "
                    + absolute + ": " + e + "; check data.dir points to a writable place", e);
        }
        return open("jdbc:sqlite:" + absolute, null, null, metrics);
    }

    private static HikariConfig baseConfig(MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setAutoCommit(true);
        if (metrics != null) config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        return config;
    }

    private static SQLiteDataSource sqliteDataSource(String jdbcUrl) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite); // applies the pragmas to every connection it opens
        ds.setUrl(jdbcUrl);
        return ds;
    }

    private static RecordStore start(HikariConfig config, Dialect dialect, String description) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new RecordStoreException("cannot connect to the record store (" + description + "): "
                    + rootMessage(e) + "; check db.url, db.user and db.password, that the database is running and"
                    + " reachable from this host, and (SQLite) that the file's directory is writable", e);
        }
        RecordStore store = new RecordStore(pool, dialect, description);
        try {
            MigrateResult result = Flyway.configure(RecordStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            log.info("record store ready: {}, schema version {} ({} migration(s) applied now)", description,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
            return store;
        } catch (FlywayException | RecordStoreException e) {
            pool.close();
            throw new RecordStoreException("cannot bring the record store (" + description + ") to the current"
                    + " schema: " + rootMessage(e) + "; a failed migration is rolled back where the database allows"
                    + " it — fix the cause (permissions, disk space, a database changed by hand) and start again", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** What this store is, for log lines: the database kind and where it is (no password). */
    public String description() {
        return description;
    }

    /**
     * Runs read-only work on a pooled connection in autocommit mode.
     *
     * @param what what is being read, for the error message, e.g. "the active service items"
     * @throws RecordStoreException when the database refuses or cannot be reached
     */
    public <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("read " + what, e);
        }
    }

    /**
     * Runs work in a transaction, committed before this method returns; its changes are rolled back if the work
     * throws. Do not call {@code write} from inside another {@code write}: the inner one would take a second
     * connection and, on SQLite, wait for the outer transaction's lock.
     *
     * <p>On SQLite writes are serialized and committed in groups: writers that arrive while a commit is under way
     * wait, and the first to get the write lock runs every waiting work in one transaction, each in a savepoint of
     * its own, and commits them together — one disk sync for all instead of one each. A work that throws is rolled
     * back to its savepoint and its caller gets the exception; the others are committed.
     *
     * @param what what is being written, for the error message, e.g. "the outcome of help request r-1"
     * @throws RecordStoreException when the database refuses or cannot be reached; an exception thrown by the
     *                              work itself (e.g. {@link AlreadyRecordedException}) is passed on unchanged
     */
    public <T> T write(String what, SqlWork<T> work) {
        if (writeLock == null) return writeAlone(what, work);
        PendingWrite<T> mine = new PendingWrite<>(what, work);
        waitingWrites.add(mine);
        writeLock.lock();
        try {
            if (!mine.done) writeGroup();
        } finally {
            writeLock.unlock();
        }
        return mine.outcome();
    }

    /** How many writes wait for the next group commit (SQLite). For tests. */
    int waitingWrites() {
        return waitingWrites.size();
    }

    /** How many transactions writes have committed or rolled back. For tests. */
    long transactions() {
        return transactions.get();
    }

    private <T> T writeAlone(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, what, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
                transactions.incrementAndGet();
            }
        } catch (SQLException e) {
            throw failure("write " + what, e);
        }
    }

    /** Under the write lock: runs every waiting write in one transaction and tells each how it went. */
    private void writeGroup() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> w; (w = waitingWrites.poll()) != null; ) group.add(w);
        if (group.size() == 1) {
            group.get(0).runAlone();
            return;
        }
        try {
            writeAlone(group.size() + " writes (" + group.get(0).what + ", …)", c -> {
                for (PendingWrite<?> w : group) w.runInSavepoint(c);
                return null;
            });
            for (PendingWrite<?> w : group) w.finish();
        } catch (RuntimeException e) { // the transaction failed: nothing of the group was kept
            for (PendingWrite<?> w : group) w.fail(e);
        }
    }

    /** One caller's write waiting for a group commit; its fields are read by the caller after the write lock. */
    private final class PendingWrite<T> {
        final String what;
        final SqlWork<T> work;
        boolean done;
        T result;
        RuntimeException error;

        PendingWrite(String what, SqlWork<T> work) {
            this.what = what;
            this.work = work;
        }

        void runAlone() {
            try {
                result = writeAlone(what, work);
            } catch (RuntimeException e) {
                error = e;
            }
            done = true;
        }

        /** Runs the work in a savepoint: rolled back to it if the work throws (and the error kept for the caller). */
        void runInSavepoint(Connection c) throws SQLException {
            Savepoint sp = c.setSavepoint();
            try {
                result = work.run(c);
            } catch (SQLException e) {
                error = failure("write " + what, e);
            } catch (RuntimeException e) {
                error = e;
            }
            if (error != null) c.rollback(sp);
            c.releaseSavepoint(sp);
        }

        /** After the commit. */
        void finish() {
            done = true;
        }

        /** The group's transaction failed: nothing of this work was kept. */
        void fail(RuntimeException e) {
            result = null;
            if (error == null) error = e;
            done = true;
        }

        T outcome() {
            if (error != null) throw error;
            return result;
        }
    }

    private void rollbackQuietly(Connection c, String what, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            log.warn("rolling back the write of {} in the record store ({}) failed too: {}", what, description,
                    e.toString());
        }
    }

    private RecordStoreException failure(String action, SQLException e) {
        return new RecordStoreException("could not " + action + " in the record store (" + description + "): "
                + e.getMessage() + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]")
                + "; check the database is reachable, not read-only and has disk space", e);
    }

    /** Closes the pool; writes already returned are on disk. */
    @Override
    public void close() {
        pool.close();
        log.info("record store closed: {}", description);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return t == e ? String.valueOf(m) : e.getMessage() + " (cause: " + t + ")";
    }

    /** Drops a password=… parameter from a JDBC URL before it goes into a log line or an error. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
