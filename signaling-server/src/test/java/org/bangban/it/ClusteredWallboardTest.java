package org.bangban.it;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.cases.RealNameCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard on two nodes sharing a real Redis (per-run key prefix) and a real PostgreSQL (fresh database): the
 * helper and the applicants on node A, the supervisors on node B, whose picture comes from the shared state alone.
 */
class ClusteredWallboardTest extends WallboardScenarios {
    @TempDir
    Path dir;
    TwoNodes nodes;

    @Override
    void start() throws Exception {
        nodes = TwoNodes.prepare("bangban-wb");
        nodes.start(dir, Map.of("records.key", RealNameCipher.newKeyBase64()));
    }

    @AfterEach
    void stop() {
        closeClients();
        if (nodes != null) nodes.close();
    }

    @Override
    int supervisorPort() {
        return nodes.b().port();
    }

    @Override
    int servicePort() {
        return nodes.a().port();
    }
}
