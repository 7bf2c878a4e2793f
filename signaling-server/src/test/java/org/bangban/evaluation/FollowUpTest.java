package org.bangban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.bangban.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The follow-up workflow of a bad rating, without a store. */
class FollowUpTest {
    static final Duration WEEK = Duration.ofDays(7);
    static final Actor APPLICANT = new Actor("portal:alice", Role.APPLICANT);
    static final Actor RATED = new Actor("staff:h1", Role.HELPER);
    static final Actor COLLEAGUE = new Actor("staff:h2", Role.HELPER);
    static final Actor SUPERVISOR = new Actor("staff:s1", Role.SUPERVISOR);
    static final Actor OTHER_SUPERVISOR = new Actor("staff:s2", Role.SUPERVISOR);
    /** Tuesday 24 November 2026, 10:00 in Shanghai. */
    static final Instant RATED_AT = WorkingDaysTest.at("2026-11-24T10:00");

    final WorkingDays days = new WorkingDays(WorkingDaysTest.CAL_2026, WorkingDaysTest.SHANGHAI);

    static Evaluation evaluation(RatingLevel level) {
        return new Evaluation("ev-1", "s-1", "BB-20261124-000001", "portal:alice", "staff:h1", level, Set.of(), null,
                RATED_AT, LocalDate.parse("2026-11-24"), RATED_AT.minusSeconds(60), false, null);
    }

    FollowUpChange open() {
        return FollowUp.open("fu-1", evaluation(RatingLevel.DISSATISFIED), EvaluationSettings.DEFAULTS, days);
    }

    static Instant later(Instant from, int minutes) {
        return from.plus(Duration.ofMinutes(minutes));
    }

    /** Contact, verify, rectify and report back, a minute apart. */
    static FollowUp reportedBack(FollowUp f) {
        Instant t = RATED_AT;
        for (FollowUpStep s : new FollowUpStep[]{FollowUpStep.CONTACT, FollowUpStep.VERIFY, FollowUpStep.RECTIFY,
                FollowUpStep.REPORT_BACK}) {
            t = later(t, 1);
            f = f.advance(COLLEAGUE, s, null, t, WEEK).followUp();
        }
        return f;
    }

    @Test
    void aBadRatingOpensAFollowUpWithWorkingDayDeadlines() {
        FollowUpChange opened = open();
        FollowUp f = opened.followUp();
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_CONTACT);
        assertThat(f.contactDueAt()).isEqualTo(WorkingDaysTest.at("2026-11-26T00:00")); // end of Wednesday
        assertThat(f.rectifyDueAt()).isEqualTo(WorkingDaysTest.at("2026-12-16T00:00")); // end of Tuesday 15 Dec
        assertThat(f.dueAt()).isEqualTo(f.contactDueAt());
        assertThat(f.lastSeq()).isEqualTo(1);
        assertThat(opened.step()).isEqualTo(new StepRecord("fu-1", 1, RATED_AT, "portal:alice", Role.APPLICANT,
                FollowUpStep.OPEN, null));
    }

    @ParameterizedTest
    @EnumSource(value = RatingLevel.class, names = {"VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED"})
    void onlyABadRatingIsFollowedUp(RatingLevel level) {
        assertThatThrownBy(() -> FollowUp.open("fu-1", evaluation(level), EvaluationSettings.DEFAULTS, days))
                .extracting("code").isEqualTo("illegal_step");
    }

    @Test
    void theStepsGoInOrderAndEachIsRecordedWithTheNextSequence() {
        FollowUp f = open().followUp();
        FollowUpChange c = f.advance(COLLEAGUE, FollowUpStep.CONTACT, " 已电话回访 ", later(RATED_AT, 5), WEEK);
        assertThat(c.step()).isEqualTo(new StepRecord("fu-1", 2, later(RATED_AT, 5), "staff:h2", Role.HELPER,
                FollowUpStep.CONTACT, "已电话回访"));
        f = c.followUp();
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_VERIFY);
        assertThat(f.contactedAt()).isEqualTo(later(RATED_AT, 5));
        assertThat(f.dueAt()).isEqualTo(f.rectifyDueAt());
        f = f.advance(SUPERVISOR, FollowUpStep.VERIFY, null, later(RATED_AT, 6), WEEK).followUp();
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_RECTIFY);
        f = f.advance(SUPERVISOR, FollowUpStep.RECTIFY, null, later(RATED_AT, 7), WEEK).followUp();
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_REPORT_BACK);
        assertThat(f.dueAt()).isEqualTo(f.rectifyDueAt());
        f = f.advance(SUPERVISOR, FollowUpStep.REPORT_BACK, null, later(RATED_AT, 8), WEEK).followUp();
        assertThat(f.state()).isEqualTo(FollowUpState.AWAITING_SECOND_RATING);
        assertThat(f.dueAt()).isNull();
        assertThat(f.lastSeq()).isEqualTo(5);
        assertThat(f.verifiedAt()).isEqualTo(later(RATED_AT, 6));
        assertThat(f.rectifiedAt()).isEqualTo(later(RATED_AT, 7));
        assertThat(f.reportedBackAt()).isEqualTo(later(RATED_AT, 8));
        assertThat(f.secondRatingClosesAt(WEEK)).isEqualTo(later(RATED_AT, 8).plus(WEEK));
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        FollowUp f = open().followUp();
        for (FollowUpStep s : new FollowUpStep[]{FollowUpStep.VERIFY, FollowUpStep.RECTIFY, FollowUpStep.REPORT_BACK,
                FollowUpStep.CLOSE}) {
            assertThatThrownBy(() -> f.advance(COLLEAGUE, s, null, RATED_AT, WEEK))
                    .hasMessageContaining("CONTACT").extracting("code").isEqualTo("illegal_step");
        }
        FollowUp contacted = f.advance(COLLEAGUE, FollowUpStep.CONTACT, null, RATED_AT, WEEK).followUp();
        assertThatThrownBy(() -> contacted.advance(COLLEAGUE, FollowUpStep.CONTACT, null, RATED_AT, WEEK))
                .extracting("code").isEqualTo("illegal_step");
        assertThatThrownBy(() -> contacted.advance(COLLEAGUE, FollowUpStep.RECTIFY, null, RATED_AT, WEEK))
                .extracting("code").isEqualTo("illegal_step");
    }

    @ParameterizedTest
    @EnumSource(value = FollowUpStep.class, names = {"OPEN", "SECOND_RATING", "APPEAL", "APPEAL_UPHELD",
            "APPEAL_REJECTED"})
    void stepsWithActionsOfTheirOwnAreNotTakenByAdvance(FollowUpStep step) {
        assertThat(step.isStaffStep()).isFalse();
        assertThatThrownBy(() -> open().followUp().advance(COLLEAGUE, step, null, RATED_AT, WEEK))
                .extracting("code").isEqualTo("illegal_step");
    }

    @Test
    void theApplicantAndTheRatedHelperTakeNoStaffStep() {
        FollowUp f = open().followUp();
        assertThatThrownBy(() -> f.advance(APPLICANT, FollowUpStep.CONTACT, null, RATED_AT, WEEK))
                .extracting("code").isEqualTo("forbidden");
        assertThatThrownBy(() -> f.advance(RATED, FollowUpStep.CONTACT, null, RATED_AT, WEEK))
                .hasMessageContaining("appeal").extracting("code").isEqualTo("forbidden");
    }

    @Test
    void aNoteWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> open().followUp().advance(COLLEAGUE, FollowUpStep.CONTACT, "a\u0001", RATED_AT, WEEK))
                .extracting("code").isEqualTo("invalid_text");
    }

    @Test
    void overdueFromTheDeadlineOnForEachStep() {
        FollowUp f = open().followUp();
        assertThat(f.isOverdue(f.contactDueAt().minusMillis(1))).isFalse();
        assertThat(f.isOverdue(f.contactDueAt())).isTrue();
        FollowUp contacted = f.advance(COLLEAGUE, FollowUpStep.CONTACT, null, f.contactDueAt().plusSeconds(1), WEEK)
                .followUp();
        assertThat(contacted.isOverdue(f.contactDueAt().plusSeconds(2))).isFalse();
        assertThat(contacted.isOverdue(f.rectifyDueAt())).isTrue();
        FollowUp done = reportedBack(open().followUp());
        assertThat(done.isOverdue(f.rectifyDueAt().plus(Duration.ofDays(100)))).isFalse();
    }

    @Test
    void oneSecondRatingByTheApplicantAfterTheReportBackClosesIt() {
        FollowUp f = open().followUp();
        assertThatThrownBy(() -> f.secondRating(APPLICANT, RATED_AT, WEEK)).extracting("code").isEqualTo("illegal_step");
        FollowUp reported = reportedBack(f);
        assertThatThrownBy(() -> reported.secondRating(new Actor("portal:bob", Role.APPLICANT), later(RATED_AT, 9),
                WEEK)).extracting("code").isEqualTo("forbidden");
        assertThatThrownBy(() -> reported.secondRating(new Actor("portal:alice", Role.HELPER), later(RATED_AT, 9),
                WEEK)).extracting("code").isEqualTo("forbidden");
        FollowUpChange c = reported.secondRating(APPLICANT, later(RATED_AT, 9), WEEK);
        assertThat(c.followUp().state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(c.followUp().closeReason()).isEqualTo(CloseReason.SECOND_RATING);
        assertThat(c.followUp().closedAt()).isEqualTo(later(RATED_AT, 9));
        assertThat(c.step().step()).isEqualTo(FollowUpStep.SECOND_RATING);
        assertThat(c.step().seq()).isEqualTo(6);
        assertThatThrownBy(() -> c.followUp().secondRating(APPLICANT, later(RATED_AT, 10), WEEK))
                .extracting("code").isEqualTo("already_rated");
        assertThatThrownBy(() -> c.followUp().advance(SUPERVISOR, FollowUpStep.CLOSE, null, later(RATED_AT, 10), WEEK))
                .extracting("code").isEqualTo("illegal_step");
    }

    @Test
    void theSecondRatingWindowRunsFromTheReportBackAndStaffCloseOnlyAfterIt() {
        FollowUp reported = reportedBack(open().followUp());
        Instant closes = reported.secondRatingClosesAt(WEEK);
        assertThatThrownBy(() -> reported.advance(SUPERVISOR, FollowUpStep.CLOSE, null, closes, WEEK))
                .hasMessageContaining("追评").extracting("code").isEqualTo("illegal_step");
        assertThatThrownBy(() -> reported.secondRating(APPLICANT, closes.plusMillis(1), WEEK))
                .extracting("code").isEqualTo("window_closed");
        assertThat(reported.secondRating(APPLICANT, closes, WEEK).followUp().isClosed()).isTrue();
        FollowUp closed = reported.advance(SUPERVISOR, FollowUpStep.CLOSE, null, closes.plusMillis(1), WEEK).followUp();
        assertThat(closed.closeReason()).isEqualTo(CloseReason.NO_SECOND_RATING);
        assertThatThrownBy(() -> closed.secondRating(APPLICANT, closes.plusMillis(2), WEEK))
                .extracting("code").isEqualTo("window_closed");
    }

    @Test
    void anAppealUpheldByAnotherSupervisorClosesTheFollowUp() {
        FollowUp f = open().followUp();
        FollowUpChange appealed = f.appeal(RATED, " 申请人误评 ", later(RATED_AT, 1));
        assertThat(appealed.step().step()).isEqualTo(FollowUpStep.APPEAL);
        assertThat(appealed.step().note()).isEqualTo("申请人误评");
        FollowUp a = appealed.followUp();
        assertThat(a.appeal().pending()).isTrue();
        assertThat(a.state()).isEqualTo(FollowUpState.AWAITING_CONTACT);
        // the follow-up goes on while the appeal waits
        FollowUp contacted = a.advance(COLLEAGUE, FollowUpStep.CONTACT, null, later(RATED_AT, 2), WEEK).followUp();
        assertThat(contacted.appeal().pending()).isTrue();

        assertThatThrownBy(() -> contacted.decideAppeal(COLLEAGUE, AppealDecision.UPHELD, null, later(RATED_AT, 3)))
                .extracting("code").isEqualTo("forbidden");
        FollowUpChange upheld = contacted.decideAppeal(SUPERVISOR, AppealDecision.UPHELD, "恶意差评", later(RATED_AT, 3));
        assertThat(upheld.followUp().state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(upheld.followUp().closeReason()).isEqualTo(CloseReason.APPEAL_UPHELD);
        assertThat(upheld.followUp().appeal()).isEqualTo(new Appeal("staff:h1", "申请人误评", later(RATED_AT, 1),
                AppealDecision.UPHELD, "staff:s1", later(RATED_AT, 3), "恶意差评"));
        assertThat(upheld.step().step()).isEqualTo(FollowUpStep.APPEAL_UPHELD);
        assertThat(upheld.followUp().dueAt()).isNull();
        assertThatThrownBy(() -> upheld.followUp().secondRating(APPLICANT, later(RATED_AT, 4), WEEK))
                .extracting("code").isEqualTo("illegal_step");
    }

    @Test
    void aRejectedAppealLeavesTheFollowUpRunningAndIsFinal() {
        FollowUp a = open().followUp().appeal(COLLEAGUE, "误评", later(RATED_AT, 1)).followUp();
        FollowUpChange rejected = a.decideAppeal(SUPERVISOR, AppealDecision.REJECTED, null, later(RATED_AT, 2));
        assertThat(rejected.followUp().state()).isEqualTo(FollowUpState.AWAITING_CONTACT);
        assertThat(rejected.followUp().isClosed()).isFalse();
        assertThat(rejected.step().step()).isEqualTo(FollowUpStep.APPEAL_REJECTED);
        assertThatThrownBy(() -> rejected.followUp().appeal(RATED, "again", later(RATED_AT, 3)))
                .extracting("code").isEqualTo("illegal_step");
        assertThatThrownBy(() -> rejected.followUp().decideAppeal(OTHER_SUPERVISOR, AppealDecision.UPHELD, null,
                later(RATED_AT, 3))).extracting("code").isEqualTo("illegal_step");
        assertThat(rejected.followUp().advance(COLLEAGUE, FollowUpStep.CONTACT, null, later(RATED_AT, 4), WEEK)
                .followUp().state()).isEqualTo(FollowUpState.AWAITING_VERIFY);
    }

    @Test
    void whoMayAppealAndDecide() {
        FollowUp f = open().followUp();
        assertThatThrownBy(() -> f.appeal(APPLICANT, "x", RATED_AT)).extracting("code").isEqualTo("forbidden");
        assertThatThrownBy(() -> f.appeal(RATED, "  ", RATED_AT)).extracting("code").isEqualTo("invalid_input");
        assertThatThrownBy(() -> f.decideAppeal(SUPERVISOR, AppealDecision.UPHELD, null, RATED_AT))
                .hasMessageContaining("no pending appeal").extracting("code").isEqualTo("illegal_step");
        FollowUp bySupervisor = f.appeal(SUPERVISOR, "误评", RATED_AT).followUp();
        assertThatThrownBy(() -> bySupervisor.decideAppeal(SUPERVISOR, AppealDecision.UPHELD, null, RATED_AT))
                .extracting("code").isEqualTo("forbidden");
        assertThatThrownBy(() -> bySupervisor.appeal(COLLEAGUE, "again", RATED_AT)).extracting("code")
                .isEqualTo("illegal_step");
        assertThatThrownBy(() -> bySupervisor.decideAppeal(OTHER_SUPERVISOR, null, null, RATED_AT))
                .extracting("code").isEqualTo("invalid_input");
        // a supervisor who was themselves rated does not decide the appeal about it
        FollowUp ratedSupervisor = FollowUp.open("fu-2", new Evaluation("ev-2", "s-2", "BB-1", "portal:alice",
                        "staff:s2", RatingLevel.VERY_DISSATISFIED, Set.of(), null, RATED_AT, LocalDate.parse("2026-11-24"),
                        RATED_AT, false, null), EvaluationSettings.DEFAULTS, days).followUp()
                .appeal(COLLEAGUE, "误评", RATED_AT).followUp();
        assertThatThrownBy(() -> ratedSupervisor.decideAppeal(OTHER_SUPERVISOR, AppealDecision.UPHELD, null, RATED_AT))
                .extracting("code").isEqualTo("forbidden");
    }

    @Test
    void aClosedFollowUpTakesNoAppealAndNoStep() {
        FollowUp closed = reportedBack(open().followUp()).secondRating(APPLICANT, later(RATED_AT, 9), WEEK).followUp();
        assertThatThrownBy(() -> closed.appeal(RATED, "误评", later(RATED_AT, 10))).extracting("code")
                .isEqualTo("illegal_step");
        assertThatThrownBy(() -> closed.advance(COLLEAGUE, FollowUpStep.CONTACT, null, later(RATED_AT, 10), WEEK))
                .hasMessageContaining("closed").extracting("code").isEqualTo("illegal_step");
    }
}
