package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.EventLog;
import org.bangban.relay.control.http.RelayHttpServer;
import org.bangban.relay.media.MediaRelay;
import org.bangban.store.PostgresTestDatabase;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-session scenario on two nodes sharing a real Redis (per-run key prefix) and a real PostgreSQL (fresh
 * database) and one media relay running apart (its control API over HTTP, as in production): the helper and the
 * supervisor on node A, the applicant (its WebSocket and its HTTP calls) on node B.
 */
class ClusteredSessionFeedTest extends SessionFeedScenarios {
    @TempDir
    Path dir;
    PostgresTestDatabase db;
    RecordStore records;
    TestNode a;
    TestNode b;
    String prefix;
    MediaRelay relay;
    RelayHttpServer relayControl;

    @Override
    void start(Map<String, String> overrides) throws Exception {
        db = PostgresTestDatabase.create();
        records = db.openStore();
        TestAccounts.createIn(records);
        prefix = "bangban-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new HashMap<>(overrides);
        m.put("redis.url", ClusteredPairingTest.REDIS);
        m.put("redis.prefix", prefix);
        m.put("db.url", db.jdbcUrl());
        m.put("db.user", PostgresTestDatabase.USER);
        m.put("token.secret", "cluster-test-secret-" + UUID.randomUUID());
        m.put("records.key", org.bangban.cases.RealNameCipher.newKeyBase64());
        relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0)
                .withAdvertised(List.of("127.0.0.1")).withIoThreads(1));
        EventLog events = new EventLog(1000);
        relay.setEvents(events);
        String secret = "relay-test-secret-" + UUID.randomUUID();
        relayControl = new RelayHttpServer(relay, events, secret, "127.0.0.1", 0, () -> "");
        m.put("relay.url", "http://127.0.0.1:" + relayControl.port());
        m.put("relay.secret", secret);
        a = TestNode.start(dir.resolve("a"), ClusteredPairingTest.with(m, "node.id", "node-a"));
        b = TestNode.start(dir.resolve("b"), ClusteredPairingTest.with(m, "node.id", "node-b"));
    }

    @AfterEach
    void stop() {
        closeClients();
        if (a != null) a.close();
        if (b != null) b.close();
        if (relayControl != null) relayControl.close();
        if (relay != null) relay.close();
        if (records != null) records.close();
        if (db != null) db.close();
        if (prefix != null) assertThat(ClusteredPairingTest.deleteKeys(ClusteredPairingTest.REDIS, prefix)).isZero();
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
