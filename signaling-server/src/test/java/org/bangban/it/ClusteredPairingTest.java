package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pairing scenarios on two signaling nodes sharing one real Redis (per-run key prefix) and one real
 * PostgreSQL database (fresh per test): helpers' consoles on node A, applicants on node B.
 */
class ClusteredPairingTest extends PairingScenarios {
    @TempDir
    Path dir;
    TwoNodes nodes;

    @Override
    void start(Map<String, String> overrides) throws Exception {
        nodes = TwoNodes.prepare("bangban-it");
        nodes.start(dir, overrides);
    }

    @AfterEach
    void stop() {
        closeClients();
        if (nodes != null) nodes.close();
    }

    @Test
    void aTokenFromOneNodeIsAcceptedByTheOther() throws Exception {
        defaults();
        WsClient onA = new WsClient("onA", nodes.a().port());
        clients.add(onA);
        var first = onA.call(WsClient.msg("auth.guest"));
        WsClient onB = new WsClient("onB", nodes.b().port());
        clients.add(onB);
        var again = onB.call(WsClient.msg("auth.token").put("token", first.path("token").asText()));
        assertThat(again.path("principalId").asText()).isEqualTo(first.path("principalId").asText());
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
