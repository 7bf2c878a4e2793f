package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pairing scenarios on two signaling nodes sharing one real Redis (per-run key prefix) and one real
 * PostgreSQL database (fresh per test): helpers' consoles on node A, applicants on node B.
 */
class ClusteredPairingTest extends PairingScenarios {
    static final String REDIS = System.getenv().getOrDefault("BANGBAN_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    RecordStore records;
    TestNode a;
    TestNode b;
    String prefix;

    @Override
    void start(Map<String, String> overrides) throws Exception {
        db = PostgresTestDatabase.create();
        records = db.openStore();
        TestAccounts.createIn(records);
        prefix = "bangban-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new HashMap<>(overrides);
        m.put("redis.url", REDIS);
        m.put("redis.prefix", prefix);
        m.put("db.url", db.jdbcUrl());
        m.put("db.user", PostgresTestDatabase.USER);
        m.put("token.secret", "cluster-test-secret-" + UUID.randomUUID());
        a = TestNode.start(dir.resolve("a"), with(m, "node.id", "node-a"));
        b = TestNode.start(dir.resolve("b"), with(m, "node.id", "node-b"));
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }

    @AfterEach
    void stop() {
        closeClients();
        if (a != null) a.close();
        if (b != null) b.close();
        if (records != null) records.close();
        if (db != null) db.close();
        if (prefix != null) assertThat(deleteKeys(REDIS, prefix)).as("keys left under " + prefix).isZero();
    }

    /** Deletes every key under the prefix; returns how many remain after (0 when clean). */
    static int deleteKeys(String url, String prefix) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = scan(c, prefix);
            if (!keys.isEmpty()) c.sync().del(keys.toArray(String[]::new));
            return scan(c, prefix).size();
        } finally {
            client.shutdown();
        }
    }

    private static List<String> scan(StatefulRedisConnection<String, String> c, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var r = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
            keys.addAll(r.getKeys());
            cursor = r;
        } while (!cursor.isFinished());
        return keys;
    }

    @org.junit.jupiter.api.Test
    void aTokenFromOneNodeIsAcceptedByTheOther() throws Exception {
        defaults();
        WsClient onA = new WsClient("onA", a.port());
        clients.add(onA);
        var first = onA.call(WsClient.msg("auth.guest"));
        WsClient onB = new WsClient("onB", b.port());
        clients.add(onB);
        var again = onB.call(WsClient.msg("auth.token").put("token", first.path("token").asText()));
        assertThat(again.path("principalId").asText()).isEqualTo(first.path("principalId").asText());
    }

    @Override
    int helperPort() {
        return a.port();
    }

    @Override
    int applicantPort() {
        return b.port();
    }

    @Override
    RecordStore records() {
        return records;
    }
}
