package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard on two nodes sharing a real Redis (per-run key prefix) and a real PostgreSQL (fresh database): the
 * helper and the applicants on node A, the supervisors on node B, whose picture comes from the shared state alone.
 */
class ClusteredWallboardTest extends WallboardScenarios {
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    RecordStore records;
    TestNode a;
    TestNode b;
    String prefix;

    @Override
    void start() throws Exception {
        db = PostgresTestDatabase.create();
        records = db.openStore();
        TestAccounts.createIn(records);
        prefix = "bangban-wb-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new HashMap<>();
        m.put("redis.url", ClusteredPairingTest.REDIS);
        m.put("redis.prefix", prefix);
        m.put("db.url", db.jdbcUrl());
        m.put("db.user", PostgresTestDatabase.USER);
        m.put("token.secret", "cluster-test-secret-" + UUID.randomUUID());
        m.put("records.key", org.bangban.cases.RealNameCipher.newKeyBase64());
        a = TestNode.start(dir.resolve("a"), ClusteredPairingTest.with(m, "node.id", "node-a"));
        b = TestNode.start(dir.resolve("b"), ClusteredPairingTest.with(m, "node.id", "node-b"));
    }

    @AfterEach
    void stop() {
        closeClients();
        if (a != null) a.close();
        if (b != null) b.close();
        if (records != null) records.close();
        if (db != null) db.close();
        if (prefix != null) assertThat(ClusteredPairingTest.deleteKeys(ClusteredPairingTest.REDIS, prefix)).isZero();
    }

    @Override
    int supervisorPort() {
        return b.port();
    }

    @Override
    int servicePort() {
        return a.port();
    }
}
