package org.bangban.indicators;

import java.nio.file.Path;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.io.TempDir;

/** The indicators of the known data set on a real SQLite file. */
class SqliteIndicatorsTest extends IndicatorsContract {
    @TempDir
    Path dir;

    @Override
    protected RecordStore openStore() {
        return RecordStore.sqliteFile(dir.resolve("bangban.db"));
    }
}
