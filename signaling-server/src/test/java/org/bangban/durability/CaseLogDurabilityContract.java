package org.bangban.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangban.durability.CaseLogAudit.EventKey;
import org.bangban.durability.CaseLogAudit.Findings;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the case log, whatever the database: a separate JVM ({@link CaseLogWriter}) appends case events
 * from {@value #WRITERS} threads as fast as it can and is killed with SIGKILL a random while after its first
 * acknowledgement, {@value #KILLS} times in a row on the same database, plus one run that only opens cases (so the
 * kill lands in the middle of case openings, i.e. number allocation). After each kill the database is audited
 * ({@link CaseLogAudit}): every acknowledged event is there with its payload, the log is consistent, the numbers are
 * gapless, and nothing was committed beyond the writes in flight. The store is reopened by the next child (which
 * must open it to acknowledge anything) and, after the last kill, by the test.
 *
 * <p>The kill delays come from a seed that is logged; run again with {@code -Ddurability.seed=<seed>} to repeat a
 * run's delays (the threads' interleaving is the machine's).
 */
abstract class CaseLogDurabilityContract {
    static final int KILLS = 20;
    static final int WRITERS = 4;
    /** The extra run in which every writer only opens cases. */
    static final int OPEN_ONLY_RUN = KILLS / 2 + 1;
    static final int MIN_DELAY_MS = 50;
    static final int MAX_DELAY_MS = 1500;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    /** More arguments for the child, after the common ones. */
    protected List<String> extraChildArgs() {
        return List.of();
    }

    /**
     * Checks what other writers of the child acknowledged (ACK lines that are not case events), after a kill.
     *
     * @return a summary for the run's log line
     */
    protected String afterKill(List<String> otherAcks, List<String> problems) throws Exception {
        if (!otherAcks.isEmpty()) problems.add(otherAcks.size() + " unexpected ACK lines, e.g. " + otherAcks.get(0));
        return "";
    }

    /** Checks after the last kill, besides reopening the store. */
    protected void afterTheLastKill() throws Exception {
    }

    /** Database-specific checks of the file or database after a crash. */
    protected void checkIntegrity(Connection c, List<String> problems) throws SQLException {
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkill(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("durability.seed", new SecureRandom().nextLong());
        String name = getClass().getSimpleName();
        System.out.println(name + ": seed " + seed + " (repeat with -Ddurability.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<EventKey, String> acked = new HashMap<>();
        long started = System.nanoTime();
        for (int run = 1; run <= KILLS + 1; run++) {
            String mode = run == OPEN_ONLY_RUN ? CaseLogWriter.OPEN : CaseLogWriter.MIXED;
            Duration delay = Duration.ofMillis(MIN_DELAY_MS + random.nextInt(MAX_DELAY_MS - MIN_DELAY_MS + 1));
            List<String> args = new ArrayList<>(database().storeArgs());
            args.addAll(List.of(String.valueOf(run), String.valueOf(WRITERS), mode, String.valueOf(random.nextLong())));
            args.addAll(extraChildArgs());
            KilledChild.Outcome outcome = KilledChild.run(CaseLogWriter.class, args, delay,
                    dir.resolve("case-log-writer-" + run + ".err"));
            List<String> problems = new ArrayList<>();
            List<String> otherAcks = new ArrayList<>();
            for (String line : outcome.acks()) {
                String[] f = line.split(" ");
                if (f.length != 3) {
                    otherAcks.add(line);
                    continue;
                }
                String previous = acked.put(new EventKey(f[0], Long.parseLong(f[1])), f[2]);
                if (previous != null) problems.add("event " + f[0] + "#" + f[1] + " was acknowledged twice");
            }
            long auditStarted = System.nanoTime();
            Findings findings = audit(acked, problems);
            String others = afterKill(otherAcks, problems);
            System.out.printf("%s run %2d (%s): killed %4d ms after the first ACK (%4d ms after start); %5d event"
                            + " ACKs; %d committed events never acknowledged; now %d cases, %d events%s; audit %d ms%n",
                    name, run, mode, outcome.killDelayMillis(), outcome.firstAckMillis(),
                    outcome.acks().size() - otherAcks.size(), findings.unacknowledged(run), findings.cases(),
                    findings.events(), others, (System.nanoTime() - auditStarted) / 1_000_000);
            problems.addAll(findings.problems());
            assertThat(problems).as("after kill %d (seed %d, delay %d ms): what is wrong with the case log", run,
                    seed, delay.toMillis()).isEmpty();
            assertThat(findings.unacknowledged(run)).as("committed but unacknowledged events of run %d: at most one"
                    + " operation (≤ 2 events) per writer", run).isLessThanOrEqualTo(2 * WRITERS);
        }
        reopenAfterTheLastKill(acked);
        afterTheLastKill();
        System.out.printf("%s: %d kills (one open-only), %d acknowledged events in all, %d s%n", name, KILLS + 1,
                acked.size(), (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * Audits the database after a crash, on a connection outside any store (the next child, or the final check,
     * opens the store itself): the database passes its own integrity check, no migration was left failed, then
     * {@link CaseLogAudit}.
     */
    private Findings audit(Map<EventKey, String> acked, List<String> problems) throws SQLException {
        try (Connection c = database().rawConnection()) {
            checkIntegrity(c, problems);
            migrations(c, problems);
            return CaseLogAudit.audit(c, acked);
        }
    }

    /**
     * Opens the store as the server does after the last kill (every earlier kill was followed by the next child
     * opening it): it opens without applying any migration (no repair) and the audit through it agrees.
     */
    private void reopenAfterTheLastKill(Map<EventKey, String> acked) throws SQLException {
        List<String> problems = new ArrayList<>();
        int before;
        try (Connection c = database().rawConnection()) {
            before = migrations(c, problems);
        }
        Findings findings;
        try (RecordStore store = database().openStore()) {
            findings = store.read("the whole case log", c -> CaseLogAudit.audit(c, acked));
        }
        try (Connection c = database().rawConnection()) {
            int after = migrations(c, problems);
            if (after != before) problems.add("opening the store applied " + (after - before) + " migrations");
        }
        problems.addAll(findings.problems());
        assertThat(problems).as("the store opened after the last kill").isEmpty();
    }

    private static int migrations(Connection c, List<String> problems) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*), SUM(CASE WHEN success THEN 0 ELSE 1 END) FROM flyway_schema_history")) {
            rs.next();
            if (rs.getInt(2) != 0) problems.add(rs.getInt(2) + " failed migrations in flyway_schema_history");
            return rs.getInt(1);
        }
    }
}
