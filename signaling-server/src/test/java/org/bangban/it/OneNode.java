package org.bangban.it;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.store.RecordStore;

/**
 * One embedded node (in-memory live state) on a real SQLite file in its data dir, seeded with {@link TestAccounts}
 * before it starts, and a store of the test's own on that file. {@link #close} closes both.
 */
final class OneNode implements AutoCloseable {
    private final TestNode node;
    private final RecordStore records;

    private OneNode(TestNode node, RecordStore records) {
        this.node = node;
        this.records = records;
    }

    static OneNode start(Path dir, Map<String, String> overrides) throws Exception {
        Path file = dir.resolve("bangban.db");
        TestAccounts.createIn(file);
        TestNode node = TestNode.start(dir, overrides);
        try {
            return new OneNode(node, RecordStore.sqliteFile(file, null));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    int port() {
        return node.port();
    }

    RecordStore records() {
        return records;
    }

    @Override
    public void close() {
        records.close();
        node.close();
    }
}
