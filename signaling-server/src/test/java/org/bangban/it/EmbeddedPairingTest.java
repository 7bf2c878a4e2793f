package org.bangban.it;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The pairing scenarios on one embedded node: in-memory live state, a real SQLite file. */
class EmbeddedPairingTest extends PairingScenarios {
    @TempDir
    Path dir;
    OneNode node;

    @Override
    void start(Map<String, String> overrides) throws Exception {
        node = OneNode.start(dir, overrides);
    }

    @AfterEach
    void stop() {
        closeClients();
        if (node != null) node.close();
    }

    @Override
    int helperPort() {
        return node.port();
    }

    @Override
    int applicantPort() {
        return node.port();
    }

    @Override
    RecordStore records() {
        return node.records();
    }
}
