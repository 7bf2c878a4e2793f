package org.bangban.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the record store promises, whatever the database: run against a SQLite file and a real PostgreSQL.
 * Subclasses give a store on a migrated, empty database for each test.
 */
abstract class RecordStoreContract {
    protected RecordStore store;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    protected abstract Dialect expectedDialect();

    @BeforeEach
    void openTheStore() {
        store = database().openStore();
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) store.close();
    }

    // ---- opening and migrating ----

    @Test
    void migratesToTheCurrentSchemaAndSaysWhichDatabaseItIs() throws SQLException {
        assertThat(store.dialect()).isEqualTo(expectedDialect());
        assertThat(appliedVersions()).containsExactlyElementsOf(migrationVersions());
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("staff_account", "service_item", "callback_request", "request_outcome")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
        }
    }

    @Test
    void openingAgainKeepsTheDataAndDoesNotMigrateTwice() {
        new ServiceItems(store).upsert(item("tax-1", "税务"));
        store.close();
        store = database().openStore();
        try (RecordStore second = database().openStore()) {
            assertThat(new ServiceItems(second).findById("tax-1")).isPresent();
        }
        assertThat(appliedVersions()).containsExactlyElementsOf(migrationVersions());
        assertThat(new ServiceItems(store).findById("tax-1")).isPresent();
    }

    // ---- service items ----

    @Test
    void serviceItemsAreAddedUpdatedAndDeactivated() {
        ServiceItems items = new ServiceItems(store);
        ServiceItem first = new ServiceItem("biz-reg", "企业设立登记", "Business registration", "市场主体登记",
                "市场监管局", true, "registration-team");
        items.upsert(first);
        assertThat(items.findById("biz-reg")).contains(first);

        ServiceItem renamed = new ServiceItem("biz-reg", "企业开办", null, "市场主体登记", null, false, null);
        items.upsert(renamed);
        assertThat(items.findById("biz-reg")).contains(renamed);
        assertThat(items.findAllActive()).containsExactly(renamed);

        assertThat(items.deactivate("biz-reg")).isTrue();
        assertThat(items.findAllActive()).isEmpty();
        assertThat(items.findActiveById("biz-reg")).isEmpty();
        assertThat(items.findById("biz-reg")).contains(renamed);
        assertThat(items.deactivate("no-such-item")).isFalse();

        items.upsert(renamed);
        assertThat(items.findActiveById("biz-reg")).contains(renamed);
    }

    @Test
    void activeItemsComeByCategoryThenId() {
        ServiceItems items = new ServiceItems(store);
        items.upsert(item("tax-2", "税务"));
        items.upsert(item("soc-1", "社保"));
        items.upsert(item("tax-1", "税务"));
        items.upsert(item("old-1", "社保"), false);
        assertThat(items.findAllActive()).extracting(ServiceItem::id).containsExactly("soc-1", "tax-1", "tax-2");
        assertThat(items.findById("nothing")).isEmpty();
        assertThat(items.findById(null)).isEmpty();
    }

    @Test
    void anItemWithoutNameOrCategoryIsRefused() {
        ServiceItems items = new ServiceItems(store);
        assertThatThrownBy(() -> items.upsert(new ServiceItem("x", " ", null, "税务", null, false, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x").hasMessageContaining("nameZh");
        assertThatThrownBy(() -> items.upsert(new ServiceItem("x", "名称", null, null, null, false, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
    }

    // ---- callbacks ----

    @Test
    void callbacksAreRecordedAndListedNewestFirst() {
        CallbackRequests callbacks = new CallbackRequests(store);
        CallbackRequest older = new CallbackRequest(Ids.newId("cb"), "guest:abc", "tax-1", ServiceKind.ASSIST, "zh",
                "138 0000 0000", "明天上午", CallbackReason.OUTSIDE_HOURS, "想咨询个税", 1_000L);
        CallbackRequest newer = new CallbackRequest(Ids.newId("cb"), "portal:u-9", "biz-reg", ServiceKind.DELEGATE,
                "en", null, null, CallbackReason.APPLICANT_CHOICE, null, 2_000L);
        callbacks.insert(older);
        callbacks.insert(newer);

        assertThat(callbacks.listRecent(10)).containsExactly(newer, older);
        assertThat(callbacks.listRecent(1)).containsExactly(newer);
        assertThatThrownBy(() -> callbacks.listRecent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCallbackReasonRoundTrips() {
        CallbackRequests callbacks = new CallbackRequests(store);
        long t = 0;
        for (CallbackReason reason : CallbackReason.values()) {
            callbacks.insert(new CallbackRequest("cb-" + reason, "guest:x", "i", ServiceKind.ASSIST, "zh", "c", "p",
                    reason, "n", ++t));
        }
        assertThat(callbacks.listRecent(10)).extracting(CallbackRequest::reason)
                .containsExactlyInAnyOrder(CallbackReason.values());
    }

    // ---- request outcomes ----

    @Test
    void anOutcomeIsRecordedAndFound() {
        RequestOutcomes outcomes = new RequestOutcomes(store);
        RequestOutcome paired = outcome("r-1", Outcome.PAIRED, "staff:h1", 1_000L);
        RequestOutcome abandoned = new RequestOutcome("r-2", "guest:b", "tax-1", "税务", ServiceKind.DELEGATE,
                PriorityClass.GREEN, Outcome.ABANDONED, null, 0, 2_000L);
        outcomes.insert(paired);
        outcomes.insert(abandoned);
        assertThat(outcomes.findById("r-1")).contains(paired);
        assertThat(outcomes.findById("r-2")).contains(abandoned);
        assertThat(outcomes.findById("r-3")).isEmpty();
    }

    @Test
    void aRequestEndsExactlyOnceAndASecondEndIsAClearError() {
        RequestOutcomes outcomes = new RequestOutcomes(store);
        RequestOutcome first = outcome("r-1", Outcome.CANCELLED, null, 1_000L);
        outcomes.insert(first);

        assertThatThrownBy(() -> outcomes.insert(outcome("r-1", Outcome.PAIRED, "staff:h1", 1_001L)))
                .isInstanceOf(AlreadyRecordedException.class)
                .hasMessageContaining("r-1").hasMessageContaining("already ended as CANCELLED")
                .hasMessageContaining("PAIRED")
                .satisfies(e -> assertThat(((AlreadyRecordedException) e).recordId()).isEqualTo("r-1"));
        assertThat(outcomes.findById("r-1")).contains(first);
        assertThat(outcomes.countByOutcome().get(Outcome.CANCELLED)).isEqualTo(1);
        assertThat(outcomes.countByOutcome().get(Outcome.PAIRED)).isZero();

        // the store is still usable afterwards (no aborted transaction left behind)
        outcomes.insert(outcome("r-2", Outcome.PAIRED, "staff:h1", 1_002L));
        assertThat(outcomes.findById("r-2")).isPresent();
    }

    @Test
    void outcomesAreCountedForEveryKindAndWithinATimeWindow() {
        RequestOutcomes outcomes = new RequestOutcomes(store);
        outcomes.insert(outcome("r-1", Outcome.PAIRED, "staff:h1", 100L));
        outcomes.insert(outcome("r-2", Outcome.PAIRED, "staff:h2", 200L));
        outcomes.insert(outcome("r-3", Outcome.CALLBACK, null, 300L));
        outcomes.insert(outcome("r-4", Outcome.REJECTED, null, 400L));

        Map<Outcome, Long> all = outcomes.countByOutcome();
        assertThat(all).containsOnlyKeys(Outcome.values());
        assertThat(all).containsEntry(Outcome.PAIRED, 2L).containsEntry(Outcome.CALLBACK, 1L)
                .containsEntry(Outcome.REJECTED, 1L).containsEntry(Outcome.ABANDONED, 0L)
                .containsEntry(Outcome.CANCELLED, 0L);
        assertThat(outcomes.countByOutcome(200L, 400L)).containsEntry(Outcome.PAIRED, 1L)
                .containsEntry(Outcome.CALLBACK, 1L).containsEntry(Outcome.REJECTED, 0L);
    }

    @Test
    void aValueThisVersionDoesNotKnowIsReportedWithItsRow() throws SQLException {
        try (Connection c = database().rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO request_outcome (request_id, applicant_id, item_id, queue, kind, priority,"
                    + " outcome, helper_id, wait_ms, ended_at) VALUES ('r-x', 'a', 'i', 'q', 'ASSIST', 'NORMAL',"
                    + " 'TELEPORTED', NULL, 0, 0)");
        }
        assertThatThrownBy(() -> new RequestOutcomes(store).findById("r-x"))
                .isInstanceOf(RecordStoreException.class)
                .hasMessageContaining("r-x").hasMessageContaining("request_outcome").hasMessageContaining("TELEPORTED");
    }

    // ---- durability and transactions ----

    @Test
    void aWriteIsCommittedBeforeItReturns() throws SQLException {
        new RequestOutcomes(store).insert(outcome("r-1", Outcome.PAIRED, "staff:h1", 1L));
        new CallbackRequests(store).insert(new CallbackRequest("cb-1", "guest:a", "i", ServiceKind.ASSIST, "zh",
                null, null, CallbackReason.QUEUE_FULL, null, 1L));
        try (Connection c = database().rawConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT outcome FROM request_outcome WHERE request_id = 'r-1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("PAIRED");
            }
            try (ResultSet rs = s.executeQuery("SELECT reason FROM callback_request WHERE id = 'cb-1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("QUEUE_FULL");
            }
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() {
        assertThatThrownBy(() -> store.write("a test write", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_item (id, name_zh, category)"
                    + " VALUES ('half', '一半', '税务')")) {
                ps.executeUpdate();
            }
            throw new IllegalStateException("something went wrong after the first statement");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(new ServiceItems(store).findById("half")).isEmpty();
    }

    @Test
    void aRefusedStatementBecomesAnErrorThatSaysWhatWasBeingDone() {
        assertThatThrownBy(() -> store.write("the test record 42", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
            }
        })).isInstanceOf(RecordStoreException.class)
                .hasMessageContaining("could not write the test record 42")
                .hasMessageContaining(expectedDialect() == Dialect.SQLITE ? "SQLite" : "PostgreSQL")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        RequestOutcomes outcomes = new RequestOutcomes(store);
        ServiceItems items = new ServiceItems(store);
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        outcomes.insert(outcome("r-" + thread + "-" + i, Outcome.PAIRED, "staff:h", i));
                        items.upsert(item("item-" + (i % 5), "类" + thread));
                        assertThat(outcomes.findById("r-" + thread + "-" + i)).isPresent();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes.countByOutcome().get(Outcome.PAIRED)).isEqualTo((long) threads * perThread);
    }

    // ---- helpers ----

    /** The versions of the migrations on the classpath (V1, then those of later features), in order. */
    private static List<String> migrationVersions() {
        try (Stream<Path> files = Files.list(Path.of(RecordStore.class.getResource("/db/migration").toURI()))) {
            List<String> versions = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql")).map(n -> n.substring(1, n.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
            assertThat(versions).as("migrations on the classpath").startsWith("1");
            return versions;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations on the classpath: " + e, e);
        }
    }

    private List<String> appliedVersions() {
        return store.read("the migration history", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = " + trueLiteral()
                            + " AND version IS NOT NULL ORDER BY installed_rank")) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) versions.add(rs.getString(1));
                return versions;
            }
        });
    }

    private String trueLiteral() {
        return store.dialect() == Dialect.SQLITE ? "1" : "true";
    }

    static ServiceItem item(String id, String category) {
        return new ServiceItem(id, "事项 " + id, "Item " + id, category, "部门", false, null);
    }

    static RequestOutcome outcome(String requestId, Outcome outcome, String helperId, long endedAt) {
        return new RequestOutcome(requestId, "guest:a", "tax-1", "税务", ServiceKind.ASSIST, PriorityClass.NORMAL,
                outcome, helperId, 12_345L, endedAt);
    }
}
