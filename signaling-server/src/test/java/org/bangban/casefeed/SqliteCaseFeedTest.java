package org.bangban.casefeed;

import java.nio.file.Path;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.io.TempDir;

/** The session feed contract on a real SQLite file. */
class SqliteCaseFeedTest extends CaseFeedContract {
    @TempDir
    Path dir;

    @Override
    protected RecordStore openStore() {
        return RecordStore.sqliteFile(dir.resolve("bangban.db"));
    }
}
