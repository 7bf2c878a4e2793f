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

/**
 * Two signaling nodes, {@code node-a} and {@code node-b}, sharing one real Redis (a fresh key prefix) and one fresh
 * PostgreSQL database, for the clustered tests. {@link #prepare} makes the database and seeds it with
 * {@link TestAccounts} (a test may add more through {@link #records} before the nodes start); {@link #start} starts
 * both nodes; {@link #close} stops them, drops the database and checks that no key is left under the prefix.
 */
final class TwoNodes implements AutoCloseable {
    static final String REDIS = System.getenv().getOrDefault("BANGBAN_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private final PostgresTestDatabase db;
    private final RecordStore records;
    private final String prefix;
    private TestNode a;
    private TestNode b;

    private TwoNodes(PostgresTestDatabase db, RecordStore records, String prefix) {
        this.db = db;
        this.records = records;
        this.prefix = prefix;
    }

    /** A fresh database holding the test accounts, and a key prefix {@code <prefixStem>-<random>}; no node yet. */
    static TwoNodes prepare(String prefixStem) {
        PostgresTestDatabase db = PostgresTestDatabase.create();
        RecordStore records;
        try {
            records = db.openStore();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        TwoNodes nodes = new TwoNodes(db, records, prefixStem + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            TestAccounts.createIn(records);
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
        return nodes;
    }

    /** Starts both nodes on the shared Redis and database (data dirs {@code dir/a}, {@code dir/b}), with the overrides. */
    TwoNodes start(Path dir, Map<String, String> overrides) throws Exception {
        Map<String, String> m = new HashMap<>(overrides);
        m.put("redis.url", REDIS);
        m.put("redis.prefix", prefix);
        m.put("db.url", db.jdbcUrl());
        m.put("db.user", PostgresTestDatabase.USER);
        m.put("token.secret", "cluster-test-secret-" + UUID.randomUUID());
        a = TestNode.start(dir.resolve("a"), with(m, "node.id", "node-a"));
        b = TestNode.start(dir.resolve("b"), with(m, "node.id", "node-b"));
        return this;
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }

    TestNode a() {
        return a;
    }

    TestNode b() {
        return b;
    }

    /** A store on the shared database, open until {@link #close}. */
    RecordStore records() {
        return records;
    }

    /** Stops the nodes, drops the database, then asserts that no key is left under the prefix. */
    @Override
    public void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        records.close();
        db.close();
        assertThat(deleteKeys(REDIS, prefix)).as("keys left under " + prefix).isZero();
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
}
