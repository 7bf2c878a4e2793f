package org.bangban.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The case log's durability on a real SQLite file (WAL, synchronous=FULL, group commit), in the embedded profile's
 * layout: the child also stores material files in the same data directory ({@value CaseLogWriter#MATERIAL_WRITERS}
 * {@link MaterialWriter}s), and after each kill {@link MaterialAudit} checks them. At the end, the temporary files
 * the kills left under {@code materials/incoming/} are shown to be swept once they are old enough.
 */
class SqliteCaseLogDurabilityTest extends CaseLogDurabilityContract {
    @RegisterExtension
    static final StoreFixture.Sqlite DATABASE = StoreFixture.sqlite("records.db");
    private MaterialAudit materials;

    @Override
    protected StoreFixture database() {
        return DATABASE;
    }

    @Override
    protected List<String> extraChildArgs() {
        return List.of(DATABASE.dir().toString());
    }

    @Override
    protected String afterKill(List<String> materialAcks, List<String> problems) throws Exception {
        if (materials == null) materials = new MaterialAudit(DATABASE.dir());
        MaterialAudit.Findings f = materials.afterKill(materialAcks);
        problems.addAll(f.problems());
        return String.format("; %3d material ACKs, %d contents on disk, %d acknowledged, %d temporary files",
                materialAcks.size(), f.contents(), f.acknowledged(), f.temporaries());
    }

    /** The uploads the kills cut short stay in incoming/ until they are an hour old; then opening sweeps them. */
    @Override
    protected void afterTheLastKill() throws Exception {
        int left = materials.temporaries().size();
        System.out.println(getClass().getSimpleName() + ": " + left + " temporary files left by " + (KILLS + 1)
                + " kills; swept by opening the store once 2 h old");
        assertThat(materials.sweepStaleTemporaries()).as("temporary files after opening the store with them 2 h"
                + " old").isEmpty();
    }

    /** SQLite's own check of the whole file (pages, indexes, constraints) after the WAL was recovered. */
    @Override
    protected void checkIntegrity(Connection c, List<String> problems) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                if (!"ok".equals(rs.getString(1))) problems.add("SQLite integrity_check: " + rs.getString(1));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) problems.add("SQLite foreign_key_check finds a violation in " + rs.getString(1));
        }
    }
}
