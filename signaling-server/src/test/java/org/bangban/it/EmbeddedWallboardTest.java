package org.bangban.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The wallboard on one embedded node: in-memory live state, a real SQLite file. */
class EmbeddedWallboardTest extends WallboardScenarios {
    @TempDir
    Path dir;
    TestNode node;

    @Override
    void start() throws Exception {
        node = TestNode.start(dir, Map.of());
    }

    @AfterEach
    void stop() {
        closeClients();
        if (node != null) node.close();
    }

    @Override
    int supervisorPort() {
        return node.port();
    }

    @Override
    int servicePort() {
        return node.port();
    }
}
