package org.bangban.caseapi;

import java.nio.file.Path;
import java.util.Map;
import org.bangban.store.RecordStore;

/** The case API on the embedded node: SQLite file in the data dir. */
class EmbeddedCaseApiTest extends CaseApiScenarios {

    @Override
    RecordStore openRecords(Path dataDir) {
        return RecordStore.sqliteFile(dataDir.resolve("bangban.db"));
    }

    @Override
    Map<String, String> databaseOverrides(Path dataDir) {
        return Map.of();
    }
}
