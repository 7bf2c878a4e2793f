package org.bangban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bangban.identity.Role;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the evaluation store promises, whatever the database: run against a SQLite file and a real PostgreSQL.
 * Times are Shanghai local times of the 2026 calendar of {@link WorkingDaysTest}.
 */
abstract class EvaluationsContract {
    static final Duration WEEK = Duration.ofDays(7);
    static final Actor ALICE = new Actor("portal:alice", Role.APPLICANT);
    static final Actor BOB = new Actor("portal:bob", Role.APPLICANT);
    static final Actor RATED = new Actor("staff:h1", Role.HELPER);
    static final Actor COLLEAGUE = new Actor("staff:h2", Role.HELPER);
    static final Actor SUPERVISOR = new Actor("staff:s1", Role.SUPERVISOR);
    /** The session ended on Tuesday 24 November 2026 at 10:00 in Shanghai. */
    static final Instant ENDED = WorkingDaysTest.at("2026-11-24T10:00");
    static final List<String> TABLES = List.of("evaluation", "evaluation_second_rating", "evaluation_follow_up",
            "follow_up_step");

    protected RecordStore store;
    protected Evaluations evaluations;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void openTheStore() {
        store = database().openStore();
        evaluations = new Evaluations(store, EvaluationSettings.DEFAULTS,
                new WorkingDays(WorkingDaysTest.CAL_2026, WorkingDaysTest.SHANGHAI));
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) store.close();
    }

    static NewRating rating(String sessionId, Actor rater, RatingLevel level) {
        return new NewRating(sessionId, "BB-20261124-000001", "portal:alice", "staff:h1", ENDED, rater, level,
                EnumSet.of(RatingTag.LONG_WAIT, RatingTag.POOR_COMMUNICATION), " 等了很久 ");
    }

    static Instant minutesAfter(Instant t, int minutes) {
        return t.plus(Duration.ofMinutes(minutes));
    }

    FollowUp badRating(String sessionId) {
        return badRating(sessionId, 5);
    }

    /** A bad rating given this many minutes after the session ended. */
    FollowUp badRating(String sessionId, int minutes) {
        return evaluations.rate(rating(sessionId, ALICE, RatingLevel.VERY_DISSATISFIED), minutesAfter(ENDED, minutes))
                .followUp();
    }

    FollowUp reportBack(FollowUp f) {
        Instant t = minutesAfter(ENDED, 10);
        for (FollowUpStep s : new FollowUpStep[]{FollowUpStep.CONTACT, FollowUpStep.VERIFY, FollowUpStep.RECTIFY,
                FollowUpStep.REPORT_BACK}) {
            t = minutesAfter(t, 1);
            f = evaluations.advance(f.id(), COLLEAGUE, s, s + " done", t).followUp();
        }
        return f;
    }

    // ---- rating ----

    @Test
    void aRatingInTheWindowIsRecordedAndReadBack() {
        Instant now = ENDED.plus(Duration.ofDays(6));
        Rated rated = evaluations.rate(new NewRating("s-1", "BB-20261124-000001", "portal:alice", "staff:h1", ENDED,
                ALICE, RatingLevel.SATISFIED, EnumSet.of(RatingTag.EFFICIENT), " 谢谢 "), now);
        assertThat(rated.followUp()).isNull();
        Evaluation e = rated.evaluation();
        assertThat(e.id()).startsWith("ev-");
        assertThat(e.day()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(evaluations.find(e.id())).contains(e);
        assertThat(evaluations.findBySession("s-1")).contains(e);
        assertThat(e).isEqualTo(new Evaluation(e.id(), "s-1", "BB-20261124-000001", "portal:alice", "staff:h1",
                RatingLevel.SATISFIED, Set.of(RatingTag.EFFICIENT), "谢谢", now, LocalDate.parse("2026-11-30"), ENDED,
                false, null));
        assertThat(evaluations.followUpOf(e.id())).isEmpty();
        assertThat(evaluations.forCase("BB-20261124-000001")).containsExactly(new CaseEvaluation(e, null, List.of()));
        assertThat(evaluations.forCase("BB-other")).isEmpty();
        assertThat(evaluations.findBySession("s-none")).isEmpty();
    }

    @Test
    void aSecondRatingOfTheSessionIsRefusedAndTheFirstStands() throws SQLException {
        Evaluation first = evaluations.rate(rating("s-1", ALICE, RatingLevel.BASICALLY_SATISFIED), ENDED).evaluation();
        assertRefusedWritingNothing("already_rated",
                () -> evaluations.rate(rating("s-1", ALICE, RatingLevel.VERY_DISSATISFIED), minutesAfter(ENDED, 1)));
        assertThat(evaluations.findBySession("s-1")).contains(first);
        assertThat(evaluations.followUps(FollowUpFilter.ALL, ENDED, 0, 10)).isEmpty();
    }

    @Test
    void theDatabaseItselfRefusesASecondRatingOfASession() throws SQLException {
        evaluations.rate(rating("s-1", ALICE, RatingLevel.SATISFIED), ENDED);
        try (Connection c = database().rawConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation (id,"
                + " session_id, case_number, applicant_id, helper_id, level, score, created_at, created_day,"
                + " session_ended_at) VALUES ('ev-x', 's-1', 'BB-1', 'portal:alice', 'staff:h1', 'SATISFIED', 4, 1,"
                + " '2026-11-24', 1)")) {
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aRatingOutsideTheWindowIsRefused() throws SQLException {
        assertRefusedWritingNothing("window_closed", () -> evaluations.rate(rating("s-1", ALICE,
                RatingLevel.VERY_DISSATISFIED), ENDED.plus(WEEK).plusSeconds(1)));
        assertThat(evaluations.rate(rating("s-1", ALICE, RatingLevel.SATISFIED), ENDED.plus(WEEK)).evaluation())
                .isNotNull();
    }

    @Test
    void onlyTheSessionsApplicantMayRate() throws SQLException {
        assertRefusedWritingNothing("forbidden", () -> evaluations.rate(rating("s-1", BOB, RatingLevel.SATISFIED),
                ENDED));
        assertRefusedWritingNothing("forbidden", () -> evaluations.rate(rating("s-1", RATED,
                RatingLevel.VERY_SATISFIED), ENDED));
    }

    @Test
    void aBadRatingOpensAFollowUpWithWorkingDayDeadlines() {
        // rated on Friday 25 September at 16:00: contact by the end of Monday 28; 15 working days past the
        // National Day week and counting its make-up Saturday 10 October: the end of Thursday 22 October
        NewRating r = new NewRating("s-1", "BB-20260925-000001", "portal:alice", "staff:h1",
                WorkingDaysTest.at("2026-09-25T15:00"), ALICE, RatingLevel.DISSATISFIED, null, null);
        Instant now = WorkingDaysTest.at("2026-09-25T16:00");
        Rated rated = evaluations.rate(r, now);
        FollowUp f = rated.followUp();
        assertThat(f.id()).startsWith("fu-");
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_CONTACT);
        assertThat(f.contactDueAt()).isEqualTo(WorkingDaysTest.at("2026-09-29T00:00"));
        assertThat(f.rectifyDueAt()).isEqualTo(WorkingDaysTest.at("2026-10-23T00:00"));
        assertThat(f.openedAt()).isEqualTo(now);
        assertThat(evaluations.findFollowUp(f.id())).contains(f);
        assertThat(evaluations.followUpOf(rated.evaluation().id())).contains(f);
        assertThat(evaluations.history(f.id())).containsExactly(new StepRecord(f.id(), 1, now, "portal:alice",
                Role.APPLICANT, FollowUpStep.OPEN, null));
        assertThat(rated.followUpOpened().step()).isEqualTo(evaluations.history(f.id()).get(0));
    }

    // ---- follow-up ----

    @Test
    void stepsGoInOrderAndOutOfOrderOnesAreRefused() throws SQLException {
        FollowUp f = badRating("s-1");
        assertRefusedWritingNothing("illegal_step", () -> evaluations.advance(f.id(), COLLEAGUE, FollowUpStep.VERIFY,
                null, minutesAfter(ENDED, 6)));
        assertRefusedWritingNothing("forbidden", () -> evaluations.advance(f.id(), RATED, FollowUpStep.CONTACT,
                null, minutesAfter(ENDED, 6)));
        assertRefusedWritingNothing("forbidden", () -> evaluations.advance(f.id(), ALICE, FollowUpStep.CONTACT,
                null, minutesAfter(ENDED, 6)));
        assertRefusedWritingNothing("not_found", () -> evaluations.advance("fu-none", COLLEAGUE,
                FollowUpStep.CONTACT, null, minutesAfter(ENDED, 6)));
        FollowUp reported = reportBack(f);
        assertThat(reported.state()).isEqualTo(FollowUpState.AWAITING_SECOND_RATING);
        assertThat(evaluations.findFollowUp(f.id())).contains(reported);
        List<StepRecord> history = evaluations.history(f.id());
        assertThat(history).extracting(StepRecord::step).containsExactly(FollowUpStep.OPEN, FollowUpStep.CONTACT,
                FollowUpStep.VERIFY, FollowUpStep.RECTIFY, FollowUpStep.REPORT_BACK);
        assertThat(history).extracting(StepRecord::seq).containsExactly(1, 2, 3, 4, 5);
        assertThat(history.get(1)).isEqualTo(new StepRecord(f.id(), 2, minutesAfter(ENDED, 11), "staff:h2",
                Role.HELPER, FollowUpStep.CONTACT, "CONTACT done"));
        assertRefusedWritingNothing("illegal_step", () -> evaluations.advance(f.id(), COLLEAGUE,
                FollowUpStep.REPORT_BACK, null, minutesAfter(ENDED, 20)));
    }

    @Test
    void oneSecondRatingOnlyAfterTheReportBack() throws SQLException {
        FollowUp f = badRating("s-1");
        assertRefusedWritingNothing("illegal_step", () -> evaluations.addSecondRating(f.evaluationId(), ALICE,
                RatingLevel.SATISFIED, null, minutesAfter(ENDED, 6)));
        FollowUp reported = reportBack(f);
        assertRefusedWritingNothing("forbidden", () -> evaluations.addSecondRating(f.evaluationId(), BOB,
                RatingLevel.SATISFIED, null, minutesAfter(ENDED, 30)));
        Instant at = minutesAfter(ENDED, 30);
        SecondRated second = evaluations.addSecondRating(f.evaluationId(), ALICE, RatingLevel.SATISFIED, " 已解决 ", at);
        assertThat(second.rating()).isEqualTo(new SecondRating(f.evaluationId(), RatingLevel.SATISFIED, "已解决", at));
        assertThat(second.change().followUp().state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(second.change().followUp().closeReason()).isEqualTo(CloseReason.SECOND_RATING);
        assertThat(evaluations.find(f.evaluationId()).orElseThrow().secondRating()).isEqualTo(second.rating());
        assertThat(evaluations.findFollowUp(f.id())).contains(second.change().followUp());
        assertRefusedWritingNothing("already_rated", () -> evaluations.addSecondRating(f.evaluationId(), ALICE,
                RatingLevel.VERY_SATISFIED, null, minutesAfter(at, 1)));
        assertThat(evaluations.history(reported.id())).extracting(StepRecord::step).endsWith(FollowUpStep.SECOND_RATING);
    }

    @Test
    void aGoodRatingTakesNoSecondRatingAndUnknownOnesAreNotFound() throws SQLException {
        Evaluation good = evaluations.rate(rating("s-1", ALICE, RatingLevel.SATISFIED), ENDED).evaluation();
        assertRefusedWritingNothing("illegal_step", () -> evaluations.addSecondRating(good.id(), ALICE,
                RatingLevel.SATISFIED, null, ENDED));
        assertRefusedWritingNothing("forbidden", () -> evaluations.addSecondRating(good.id(), BOB,
                RatingLevel.SATISFIED, null, ENDED));
        assertRefusedWritingNothing("not_found", () -> evaluations.addSecondRating("ev-none", ALICE,
                RatingLevel.SATISFIED, null, ENDED));
    }

    @Test
    void theSecondRatingWindowClosesAndStaffThenClose() throws SQLException {
        FollowUp reported = reportBack(badRating("s-1"));
        Instant closes = reported.secondRatingClosesAt(WEEK);
        assertRefusedWritingNothing("illegal_step", () -> evaluations.advance(reported.id(), SUPERVISOR,
                FollowUpStep.CLOSE, null, closes));
        assertRefusedWritingNothing("window_closed", () -> evaluations.addSecondRating(reported.evaluationId(), ALICE,
                RatingLevel.SATISFIED, null, closes.plusSeconds(1)));
        FollowUp closed = evaluations.advance(reported.id(), SUPERVISOR, FollowUpStep.CLOSE, "no reply",
                closes.plusSeconds(1)).followUp();
        assertThat(closed.closeReason()).isEqualTo(CloseReason.NO_SECOND_RATING);
        assertThat(evaluations.followUps(FollowUpFilter.OPEN, closes, 0, 10)).isEmpty();
    }

    @Test
    void anAppealIsDecidedByASupervisorNotAHelperAndUpheldExcludesTheRating() throws SQLException {
        FollowUp f = badRating("s-1");
        assertRefusedWritingNothing("forbidden", () -> evaluations.appeal(f.id(), ALICE, "x", minutesAfter(ENDED, 6)));
        FollowUpChange appealed = evaluations.appeal(f.id(), RATED, "申请人误操作", minutesAfter(ENDED, 6));
        assertThat(appealed.followUp().appeal().pending()).isTrue();
        assertRefusedWritingNothing("illegal_step", () -> evaluations.appeal(f.id(), COLLEAGUE, "again",
                minutesAfter(ENDED, 7)));
        assertRefusedWritingNothing("forbidden", () -> evaluations.decideAppeal(f.id(), COLLEAGUE,
                AppealDecision.UPHELD, null, minutesAfter(ENDED, 7)));
        assertRefusedWritingNothing("forbidden", () -> evaluations.decideAppeal(f.id(), RATED,
                AppealDecision.UPHELD, null, minutesAfter(ENDED, 7)));
        assertThat(evaluations.find(f.evaluationId()).orElseThrow().excluded()).isFalse();

        FollowUpChange upheld = evaluations.decideAppeal(f.id(), SUPERVISOR, AppealDecision.UPHELD, "核实为误评",
                minutesAfter(ENDED, 8));
        assertThat(upheld.followUp().state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(upheld.followUp().closeReason()).isEqualTo(CloseReason.APPEAL_UPHELD);
        assertThat(evaluations.findFollowUp(f.id())).contains(upheld.followUp());
        Evaluation e = evaluations.find(f.evaluationId()).orElseThrow();
        assertThat(e.excluded()).isTrue();
        assertThat(e.level()).isEqualTo(RatingLevel.VERY_DISSATISFIED);
        assertThat(evaluations.history(f.id())).extracting(StepRecord::step).containsExactly(FollowUpStep.OPEN,
                FollowUpStep.APPEAL, FollowUpStep.APPEAL_UPHELD);
        assertThat(evaluations.history(f.id()).get(1).note()).isEqualTo("申请人误操作");
    }

    @Test
    void aRejectedAppealLetsTheFollowUpContinueAndTheRatingCount() {
        FollowUp f = badRating("s-1");
        evaluations.appeal(f.id(), COLLEAGUE, "误评", minutesAfter(ENDED, 6));
        FollowUp rejected = evaluations.decideAppeal(f.id(), SUPERVISOR, AppealDecision.REJECTED, null,
                minutesAfter(ENDED, 7)).followUp();
        assertThat(rejected.appeal().decision()).isEqualTo(AppealDecision.REJECTED);
        assertThat(rejected.state()).isEqualTo(FollowUpState.AWAITING_CONTACT);
        assertThat(evaluations.find(f.evaluationId()).orElseThrow().excluded()).isFalse();
        assertThat(reportBack(rejected).state()).isEqualTo(FollowUpState.AWAITING_SECOND_RATING);
    }

    @Test
    void overdueFollowUpsAreFlaggedByQuery() {
        FollowUp late = badRating("s-1", 1);
        FollowUp onTime = badRating("s-2", 2);
        evaluations.advance(onTime.id(), COLLEAGUE, FollowUpStep.CONTACT, null, minutesAfter(ENDED, 30));
        FollowUp done = reportBack(badRating("s-3", 3));
        Instant contactDue = late.contactDueAt(); // end of Wednesday 25 November
        assertThat(evaluations.overdue(contactDue.minusMillis(1))).isEmpty();
        assertThat(evaluations.overdue(contactDue)).extracting(FollowUp::id).containsExactly(late.id());
        assertThat(evaluations.followUps(FollowUpFilter.OVERDUE, contactDue, 0, 10)).extracting(FollowUp::id)
                .containsExactly(late.id());
        Instant rectifyDue = onTime.rectifyDueAt();
        assertThat(evaluations.overdue(rectifyDue)).extracting(FollowUp::id).containsExactly(late.id(), onTime.id());
        assertThat(evaluations.overdue(rectifyDue)).allMatch(f -> f.isOverdue(rectifyDue));
        assertThat(evaluations.followUps(FollowUpFilter.OPEN, rectifyDue, 0, 10)).extracting(FollowUp::id)
                .containsExactly(late.id(), onTime.id(), done.id());
        assertThat(evaluations.followUps(FollowUpFilter.ALL, rectifyDue, 0, 2)).hasSize(2);
        assertThat(evaluations.followUps(FollowUpFilter.ALL, rectifyDue, 2, 2)).hasSize(1);
        assertThatThrownBy(() -> evaluations.followUps(FollowUpFilter.ALL, rectifyDue, 0, 0))
                .extracting("code").isEqualTo("invalid_input");
    }

    @Test
    void theRatingRowNeverChangesAcrossEveryOperation() throws SQLException {
        FollowUp f = badRating("s-1");
        Map<String, Object> row = ratingRow(f.evaluationId());
        List<Runnable> operations = List.of(
                () -> evaluations.appeal(f.id(), RATED, "误评", minutesAfter(ENDED, 6)),
                () -> evaluations.decideAppeal(f.id(), SUPERVISOR, AppealDecision.REJECTED, null,
                        minutesAfter(ENDED, 7)),
                () -> reportBack(f),
                () -> evaluations.addSecondRating(f.evaluationId(), ALICE, RatingLevel.VERY_SATISFIED, "好",
                        minutesAfter(ENDED, 60)));
        for (Runnable op : operations) {
            op.run();
            assertThat(ratingRow(f.evaluationId())).isEqualTo(row);
        }
        // an upheld appeal changes `excluded` and nothing else
        FollowUp g = badRating("s-2");
        Map<String, Object> other = ratingRow(g.evaluationId());
        evaluations.appeal(g.id(), RATED, "误评", minutesAfter(ENDED, 6));
        evaluations.decideAppeal(g.id(), SUPERVISOR, AppealDecision.UPHELD, null, minutesAfter(ENDED, 7));
        Map<String, Object> after = ratingRow(g.evaluationId());
        assertThat(after.get("excluded").toString()).isEqualTo("1");
        after.put("excluded", other.get("excluded"));
        assertThat(after).isEqualTo(other);
    }

    @Test
    void aRatingComposesWithOtherWritesInOneTransaction() throws SQLException {
        assertThatThrownBy(() -> store.write("a rating and a failing case event", c -> {
            evaluations.rate(c, rating("s-1", ALICE, RatingLevel.DISSATISFIED), ENDED);
            throw new IllegalStateException("the case event could not be appended");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rowCounts()).containsOnly(Map.entry("evaluation", 0L), Map.entry("evaluation_second_rating", 0L),
                Map.entry("evaluation_follow_up", 0L), Map.entry("follow_up_step", 0L));
        FollowUpChange contacted = store.write("a rating and its first step", c -> {
            FollowUp f = evaluations.rate(c, rating("s-1", ALICE, RatingLevel.DISSATISFIED), ENDED).followUp();
            return evaluations.advance(c, f.id(), COLLEAGUE, FollowUpStep.CONTACT, null, minutesAfter(ENDED, 1));
        });
        assertThat(evaluations.findFollowUp(contacted.followUp().id())).contains(contacted.followUp());
        assertThat(evaluations.forCase("BB-20261124-000001")).singleElement()
                .satisfies(ce -> assertThat(ce.history()).hasSize(2));
    }

    @Test
    void concurrentRatingsOfOneSessionExactlyOneWins() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Rated>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RatingLevel level = i % 2 == 0 ? RatingLevel.VERY_DISSATISFIED : RatingLevel.SATISFIED;
                futures.add(pool.submit(() -> {
                    start.await();
                    return evaluations.rate(rating("s-race", ALICE, level), ENDED);
                }));
            }
            start.countDown();
            List<Rated> won = new ArrayList<>();
            int refused = 0;
            for (Future<Rated> f : futures) {
                try {
                    won.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(EvaluationException.class);
                    assertThat(((EvaluationException) e.getCause()).code()).isEqualTo("already_rated");
                    refused++;
                }
            }
            assertThat(won).hasSize(1);
            assertThat(refused).isEqualTo(n - 1);
            assertThat(evaluations.findBySession("s-race")).contains(won.get(0).evaluation());
            long followUps = won.get(0).evaluation().isBad() ? 1 : 0;
            assertThat(rowCounts()).containsEntry("evaluation", 1L).containsEntry("evaluation_follow_up", followUps)
                    .containsEntry("follow_up_step", followUps);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentStepsOnOneFollowUpExactlyOneWins() throws Exception {
        FollowUp f = badRating("s-1");
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<FollowUpChange>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Actor staff = new Actor("staff:x" + i, Role.HELPER);
                futures.add(pool.submit(() -> {
                    start.await();
                    return evaluations.advance(f.id(), staff, FollowUpStep.CONTACT, null, minutesAfter(ENDED, 9));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<FollowUpChange> fu : futures) {
                try {
                    fu.get(60, TimeUnit.SECONDS);
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((EvaluationException) e.getCause()).code()).isEqualTo("illegal_step");
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(evaluations.history(f.id())).extracting(StepRecord::step)
                    .containsExactly(FollowUpStep.OPEN, FollowUpStep.CONTACT);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    /** The call is refused with the code and leaves every evaluation table as it was. */
    void assertRefusedWritingNothing(String code, ThrowingCallable call) throws SQLException {
        Map<String, Long> before = rowCounts();
        Map<String, Object> followUps = tableDump("evaluation_follow_up");
        Map<String, Object> ratings = tableDump("evaluation");
        assertThatThrownBy(call).isInstanceOf(EvaluationException.class).extracting("code").isEqualTo(code);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(tableDump("evaluation_follow_up")).isEqualTo(followUps);
        assertThat(tableDump("evaluation")).isEqualTo(ratings);
    }

    Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = database().rawConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Every row of a table as text, keyed by id. */
    Map<String, Object> tableDump(String table) throws SQLException {
        Map<String, Object> dump = new LinkedHashMap<>();
        try (Connection c = database().rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
            while (rs.next()) dump.put(rs.getString("id"), rowOf(rs));
        }
        return dump;
    }

    /** Every column of a rating's row, as committed. */
    Map<String, Object> ratingRow(String evaluationId) throws SQLException {
        try (Connection c = database().rawConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM evaluation WHERE id = ?")) {
            ps.setString(1, evaluationId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rowOf(rs);
            }
        }
    }

    private static Map<String, Object> rowOf(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            row.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), v == null ? null : v.toString());
        }
        return row;
    }
}
