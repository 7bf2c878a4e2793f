package org.bangban.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bangban.cases.RealNameCipher;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.EventLog;
import org.bangban.relay.control.http.RelayHttpServer;
import org.bangban.relay.media.MediaRelay;
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
    TwoNodes nodes;
    MediaRelay relay;
    RelayHttpServer relayControl;

    @Override
    void start(Map<String, String> overrides) throws Exception {
        nodes = TwoNodes.prepare("bangban-it");
        Map<String, String> m = new HashMap<>(overrides);
        m.put("records.key", RealNameCipher.newKeyBase64());
        relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0)
                .withAdvertised(List.of("127.0.0.1")).withIoThreads(1));
        EventLog events = new EventLog(1000);
        relay.setEvents(events);
        String secret = "relay-test-secret-" + UUID.randomUUID();
        relayControl = new RelayHttpServer(relay, events, secret, "127.0.0.1", 0, () -> "");
        m.put("relay.url", "http://127.0.0.1:" + relayControl.port());
        m.put("relay.secret", secret);
        nodes.start(dir, m);
    }

    @AfterEach
    void stop() {
        closeClients();
        try {
            if (nodes != null) nodes.close();
        } finally {
            if (relayControl != null) relayControl.close();
            if (relay != null) relay.close();
        }
    }

    @Override
    int helperPort() {
        return nodes.a().port();
    }

    @Override
    int applicantPort() {
        return nodes.b().port();
    }

    @Override
    RecordStore records() {
        return nodes.records();
    }
}
