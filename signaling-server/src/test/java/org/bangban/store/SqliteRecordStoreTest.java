package org.bangban.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record store contract on a real SQLite file, plus what is particular to SQLite. */
class SqliteRecordStoreTest extends RecordStoreContract {
    @RegisterExtension
    static final StoreFixture.Sqlite DATABASE = StoreFixture.sqlite("data/records/bangban.db");

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }

    private static Path file() {
        return DATABASE.file();
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
        try (RecordStore measured = RecordStore.sqliteFile(DATABASE.dir().resolve("measured.db"), registry)) {
            new ServiceItems(measured).findAllActive();
            assertThat(registry.find("hikaricp.connections").tag("pool", RecordStore.POOL_NAME).gauge()).isNotNull();
        }
    }

    @Test
    void writersThatWaitAreCommittedTogetherAndARefusedOneLeavesTheOthers() throws Exception {
        RequestOutcomes outcomes = new RequestOutcomes(store);
        outcomes.insert(outcome("taken", Outcome.CANCELLED, null, 1L));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // the first write holds the write lock until told; five more queue up behind it meanwhile
            Future<?> first = pool.submit(() -> store.write("a held write", c -> {
                firstInside.countDown();
                try {
                    if (!releaseFirst.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
            long before = store.transactions();
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "r-" + i;
                queued.add(pool.submit(() -> outcomes.insert(outcome(id, Outcome.PAIRED, "staff:h", 2L))));
            }
            Future<?> refused = pool.submit(() -> outcomes.insert(outcome("taken", Outcome.PAIRED, "staff:h", 3L)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.waitingWrites() < 5) {
                assertThat(System.nanoTime()).as("five writes queue up behind the held one").isLessThan(deadline);
                Thread.onSpinWait();
            }
            releaseFirst.countDown();
            first.get(30, TimeUnit.SECONDS);
            for (Future<?> f : queued) f.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(AlreadyRecordedException.class);

            assertThat(store.transactions() - before).as("the held write's, then one for the five that waited")
                    .isEqualTo(2);
            for (int i = 0; i < 4; i++) assertThat(outcomes.findById("r-" + i)).isPresent();
            assertThat(outcomes.findById("taken").orElseThrow().outcome()).isEqualTo(Outcome.CANCELLED);
        } finally {
            releaseFirst.countDown();
            pool.shutdownNow();
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
