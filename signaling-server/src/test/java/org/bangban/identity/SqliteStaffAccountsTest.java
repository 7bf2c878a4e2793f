package org.bangban.identity;

import java.nio.file.Path;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.io.TempDir;

/** Staff accounts on a real SQLite file. */
class SqliteStaffAccountsTest extends StaffAccountsContract {
    @TempDir
    Path dir;

    @Override
    protected RecordStore openStore() {
        return RecordStore.sqliteFile(dir.resolve("bangban.db"));
    }
}
