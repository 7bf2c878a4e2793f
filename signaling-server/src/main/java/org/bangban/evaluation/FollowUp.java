package org.bangban.evaluation;

import java.time.Duration;
import java.time.Instant;
import org.bangban.identity.Role;

/**
 * The follow-up of a bad rating 差评 and its rules (pure: every transition returns a new value and the history
 * entry to record; the store persists both).
 *
 * <p><b>Flow.</b> Opened with the bad rating → 回访 {@link FollowUpStep#CONTACT} → 核实 {@link FollowUpStep#VERIFY} →
 * 整改 {@link FollowUpStep#RECTIFY} → 反馈 {@link FollowUpStep#REPORT_BACK} → the applicant's one 追评
 * {@link FollowUpStep#SECOND_RATING}, which closes it; if none comes within {@code evaluation.window} of the report
 * back, staff {@link FollowUpStep#CLOSE} it. Steps out of order are refused ({@code illegal_step}).
 *
 * <p><b>Who.</b> Staff (helpers, supervisors) take the steps, except the rated helper, so that nobody who was
 * rated contacts or pressures the rater about it; only the applicant adds the 追评. Any staff member, the rated
 * helper included, may appeal 申诉 once while the follow-up is open; a supervisor other than the appellant and
 * the rated helper decides. An appeal does not stop the follow-up (the applicant is not kept waiting by a dispute
 * among staff): UPHELD closes it and excludes the rating from indicators; REJECTED leaves it running.
 *
 * <p><b>Deadlines</b> are fixed when the follow-up opens, in working days from the rating ({@link WorkingDays}):
 * the contact by {@code contactDueAt}; verification, rectification and the report back all by
 * {@code rectifyDueAt} (counted from the rating, not from the verification, so the promise to the applicant is
 * known at once and cannot be pushed out by a slow verification). {@link #dueAt()} is the current step's deadline.
 *
 * @param id             follow-up id ({@code fu-…})
 * @param evaluationId   the bad rating followed up
 * @param caseNumber     its case
 * @param applicantId    who rated (the only one who may add the 追评)
 * @param helperId       the rated helper
 * @param state          the step it waits for
 * @param openedAt       when the bad rating was given
 * @param contactDueAt   deadline of the 回访 (late from this instant on)
 * @param rectifyDueAt   deadline of the 核实, 整改 and 反馈 (late from this instant on)
 * @param contactedAt    when 回访 was recorded, null before
 * @param verifiedAt     when 核实 was recorded, null before
 * @param rectifiedAt    when 整改 was recorded, null before
 * @param reportedBackAt when 反馈 was recorded, null before
 * @param closedAt       when it closed, null while open
 * @param closeReason    why it closed, null while open
 * @param appeal         the appeal, null when none
 * @param lastSeq        the sequence number of its latest history entry
 */
public record FollowUp(String id, String evaluationId, String caseNumber, String applicantId, String helperId,
                       FollowUpState state, Instant openedAt, Instant contactDueAt, Instant rectifyDueAt,
                       Instant contactedAt, Instant verifiedAt, Instant rectifiedAt, Instant reportedBackAt,
                       Instant closedAt, CloseReason closeReason, Appeal appeal, int lastSeq) {

    /** Opens the follow-up of a bad rating, with its deadlines; the history starts with {@link FollowUpStep#OPEN}. */
    public static FollowUpChange open(String id, Evaluation rating, EvaluationSettings settings, WorkingDays days) {
        if (!rating.isBad()) {
            throw EvaluationException.illegalStep("rating " + rating.id() + " is " + rating.level().labelZh()
                    + ", not a bad rating: only 不满意 and 非常不满意 are followed up");
        }
        Instant at = rating.createdAt();
        FollowUp f = new FollowUp(id, rating.id(), rating.caseNumber(), rating.applicantId(), rating.helperId(),
                FollowUpState.AWAITING_CONTACT, at, days.deadline(at, settings.contactWorkingDays()),
                days.deadline(at, settings.rectifyWorkingDays()), null, null, null, null, null, null, null, 1);
        return new FollowUpChange(f, new StepRecord(id, 1, at, rating.applicantId(), Role.APPLICANT,
                FollowUpStep.OPEN, null));
    }

    /** The deadline of the step it waits for; null when it waits for none (追评, closed). */
    public Instant dueAt() {
        switch (state) {
            case AWAITING_CONTACT:
                return contactDueAt;
            case AWAITING_VERIFY:
            case AWAITING_RECTIFY:
            case AWAITING_REPORT_BACK:
                return rectifyDueAt;
            default:
                return null;
        }
    }

    /** True when the current step's deadline has passed: {@code now >= dueAt()}. */
    public boolean isOverdue(Instant now) {
        Instant due = dueAt();
        return due != null && !now.isBefore(due);
    }

    public boolean isClosed() {
        return state == FollowUpState.CLOSED;
    }

    /** Until when the applicant may add the 追评; null before the report back. */
    public Instant secondRatingClosesAt(Duration window) {
        return reportedBackAt == null ? null : reportedBackAt.plus(window);
    }

    /**
     * A staff step: {@link FollowUpStep#CONTACT}, {@link FollowUpStep#VERIFY}, {@link FollowUpStep#RECTIFY},
     * {@link FollowUpStep#REPORT_BACK} in this order, or {@link FollowUpStep#CLOSE} once the 追评 window passed.
     *
     * @param window the 追评 window ({@link EvaluationSettings#window()})
     * @throws EvaluationException {@code forbidden} (not staff, or the rated helper), {@code illegal_step}
     *                             (out of order, closed, another kind of step), {@code invalid_text}
     */
    public FollowUpChange advance(Actor actor, FollowUpStep step, String note, Instant now, Duration window) {
        if (step == null || !step.isStaffStep()) {
            throw EvaluationException.illegalStep("'" + step + "' is not a follow-up step staff take; the steps are"
                    + " CONTACT, VERIFY, RECTIFY, REPORT_BACK and CLOSE (appeals and the 追评 have their own actions)");
        }
        requireFollowUpStaff(actor, "record " + step + " on");
        String text = FreeText.optional("the note", note, FreeText.MAX_NOTE);
        requireOpen(step.name());
        FollowUpState expected = stateBefore(step);
        if (state != expected) {
            throw EvaluationException.illegalStep("follow-up " + id + " waits for " + waitsFor() + ", so " + step
                    + " is refused; the steps go CONTACT 回访 → VERIFY 核实 → RECTIFY 整改 → REPORT_BACK 反馈");
        }
        if (step == FollowUpStep.CLOSE && !now.isAfter(secondRatingClosesAt(window))) {
            throw EvaluationException.illegalStep("follow-up " + id + " cannot be closed yet: the applicant may add a"
                    + " follow-up rating 追评 until " + secondRatingClosesAt(window) + "; it closes by itself when"
                    + " they do");
        }
        FollowUp next;
        switch (step) {
            case CONTACT:
                next = with(FollowUpState.AWAITING_VERIFY, now, verifiedAt, rectifiedAt, reportedBackAt, null, null,
                        appeal);
                break;
            case VERIFY:
                next = with(FollowUpState.AWAITING_RECTIFY, contactedAt, now, rectifiedAt, reportedBackAt, null,
                        null, appeal);
                break;
            case RECTIFY:
                next = with(FollowUpState.AWAITING_REPORT_BACK, contactedAt, verifiedAt, now, reportedBackAt, null,
                        null, appeal);
                break;
            case REPORT_BACK:
                next = with(FollowUpState.AWAITING_SECOND_RATING, contactedAt, verifiedAt, rectifiedAt, now, null,
                        null, appeal);
                break;
            default: // CLOSE
                next = with(FollowUpState.CLOSED, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, now,
                        CloseReason.NO_SECOND_RATING, appeal);
                break;
        }
        return next.recorded(actor, step, text, now);
    }

    /**
     * The applicant's one follow-up rating 追评, after the report back and within the window; closes the
     * follow-up. The level and comment are the store's to keep ({@link SecondRating}).
     *
     * @throws EvaluationException {@code forbidden} (not the applicant who rated), {@code already_rated},
     *                             {@code illegal_step} (not reported back yet, or closed by an appeal),
     *                             {@code window_closed}
     */
    public FollowUpChange secondRating(Actor actor, Instant now, Duration window) {
        if (actor.role() != Role.APPLICANT || !actor.id().equals(applicantId)) {
            throw EvaluationException.forbidden(actor.id() + " may not add a follow-up rating 追评 to rating "
                    + evaluationId + ": only the applicant who gave it may");
        }
        if (closeReason == CloseReason.SECOND_RATING) {
            throw new EvaluationException(EvaluationException.ALREADY_RATED, "rating " + evaluationId + " already"
                    + " has its follow-up rating 追评; only one is allowed and it cannot be changed");
        }
        if (closeReason == CloseReason.NO_SECOND_RATING) {
            throw new EvaluationException(EvaluationException.WINDOW_CLOSED, "the time for a follow-up rating 追评"
                    + " of rating " + evaluationId + " ended on " + secondRatingClosesAt(window)
                    + "; its follow-up is closed");
        }
        if (state != FollowUpState.AWAITING_SECOND_RATING) {
            throw EvaluationException.illegalStep(isClosed()
                    ? "the follow-up of rating " + evaluationId + " is closed (" + closeReason + "); no 追评 is taken"
                    : "a follow-up rating 追评 comes after staff report back 反馈; the follow-up of rating "
                    + evaluationId + " waits for " + waitsFor());
        }
        if (now.isAfter(secondRatingClosesAt(window))) {
            throw new EvaluationException(EvaluationException.WINDOW_CLOSED, "the time for a follow-up rating 追评"
                    + " of rating " + evaluationId + " ended on " + secondRatingClosesAt(window));
        }
        return with(FollowUpState.CLOSED, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, now,
                CloseReason.SECOND_RATING, appeal).recorded(actor, FollowUpStep.SECOND_RATING, null, now);
    }

    /**
     * An appeal 申诉 by staff: once per follow-up, while it is open. The follow-up goes on meanwhile.
     *
     * @throws EvaluationException {@code forbidden} (not staff), {@code invalid_input} (no reason),
     *                             {@code illegal_step} (closed, or already appealed)
     */
    public FollowUpChange appeal(Actor actor, String reason, Instant now) {
        if (!actor.isStaff()) {
            throw EvaluationException.forbidden(actor.id() + " may not appeal rating " + evaluationId
                    + ": appeals 申诉 are filed by staff");
        }
        String why = FreeText.required("the reason of the appeal", reason, FreeText.MAX_NOTE);
        requireOpen("an appeal");
        if (appeal != null) {
            throw EvaluationException.illegalStep("rating " + evaluationId + " was already appealed by "
                    + appeal.byId() + (appeal.pending() ? " and a supervisor has not decided yet"
                    : ", decided " + appeal.decision()) + "; a rating is appealed once");
        }
        Appeal filed = new Appeal(actor.id(), why, now, null, null, null, null);
        return with(state, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, closedAt, closeReason, filed)
                .recorded(actor, FollowUpStep.APPEAL, why, now);
    }

    /**
     * A supervisor decides the pending appeal. UPHELD closes the follow-up (the store marks the rating
     * excluded); REJECTED changes nothing but the appeal.
     *
     * @throws EvaluationException {@code forbidden} (not a supervisor, or the appellant or rated helper),
     *                             {@code illegal_step} (no pending appeal), {@code invalid_input}
     */
    public FollowUpChange decideAppeal(Actor actor, AppealDecision decision, String note, Instant now) {
        if (decision == null) throw EvaluationException.invalidInput("an appeal is decided UPHELD or REJECTED");
        if (actor.role() != Role.SUPERVISOR) {
            throw EvaluationException.forbidden(actor.id() + " may not decide the appeal on rating " + evaluationId
                    + ": only a supervisor 监督人员 decides appeals");
        }
        String text = FreeText.optional("the note", note, FreeText.MAX_NOTE);
        if (appeal == null || !appeal.pending()) {
            throw EvaluationException.illegalStep("rating " + evaluationId + " has no pending appeal"
                    + (appeal == null ? "" : " (it was decided " + appeal.decision() + ")"));
        }
        if (actor.id().equals(appeal.byId()) || actor.id().equals(helperId)) {
            throw EvaluationException.forbidden(actor.id() + " may not decide the appeal on rating " + evaluationId
                    + ": another supervisor must decide, not the one who appealed or was rated");
        }
        Appeal decided = new Appeal(appeal.byId(), appeal.reason(), appeal.at(), decision, actor.id(), now, text);
        if (decision == AppealDecision.UPHELD) {
            return with(FollowUpState.CLOSED, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, now,
                    CloseReason.APPEAL_UPHELD, decided).recorded(actor, FollowUpStep.APPEAL_UPHELD, text, now);
        }
        return with(state, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, closedAt, closeReason, decided)
                .recorded(actor, FollowUpStep.APPEAL_REJECTED, text, now);
    }

    /** What it waits for, for messages. */
    private String waitsFor() {
        switch (state) {
            case AWAITING_CONTACT:
                return "CONTACT 回访";
            case AWAITING_VERIFY:
                return "VERIFY 核实";
            case AWAITING_RECTIFY:
                return "RECTIFY 整改";
            case AWAITING_REPORT_BACK:
                return "REPORT_BACK 反馈";
            case AWAITING_SECOND_RATING:
                return "the applicant's follow-up rating 追评";
            default:
                return "nothing (it is closed)";
        }
    }

    private static FollowUpState stateBefore(FollowUpStep step) {
        switch (step) {
            case CONTACT:
                return FollowUpState.AWAITING_CONTACT;
            case VERIFY:
                return FollowUpState.AWAITING_VERIFY;
            case RECTIFY:
                return FollowUpState.AWAITING_RECTIFY;
            case REPORT_BACK:
                return FollowUpState.AWAITING_REPORT_BACK;
            default:
                return FollowUpState.AWAITING_SECOND_RATING;
        }
    }

    private void requireFollowUpStaff(Actor actor, String action) {
        if (!actor.isStaff()) {
            throw EvaluationException.forbidden(actor.id() + " may not " + action + " follow-up " + id
                    + ": follow-up steps are taken by staff");
        }
        if (actor.id().equals(helperId)) {
            throw EvaluationException.forbidden(actor.id() + " may not " + action + " follow-up " + id
                    + ": it follows up a rating of " + actor.id() + " themselves; another staff member or a"
                    + " supervisor must (the rated helper may appeal)");
        }
    }

    private void requireOpen(String what) {
        if (isClosed()) {
            throw EvaluationException.illegalStep("follow-up " + id + " is closed (" + closeReason + " at "
                    + closedAt + "); " + what + " is refused");
        }
    }

    private FollowUp with(FollowUpState s, Instant contacted, Instant verified, Instant rectified, Instant reported,
                          Instant closed, CloseReason reason, Appeal a) {
        return new FollowUp(id, evaluationId, caseNumber, applicantId, helperId, s, openedAt, contactDueAt,
                rectifyDueAt, contacted, verified, rectified, reported, closed, reason, a, lastSeq);
    }

    private FollowUpChange recorded(Actor actor, FollowUpStep step, String note, Instant now) {
        int seq = lastSeq + 1;
        FollowUp next = new FollowUp(id, evaluationId, caseNumber, applicantId, helperId, state, openedAt,
                contactDueAt, rectifyDueAt, contactedAt, verifiedAt, rectifiedAt, reportedBackAt, closedAt,
                closeReason, appeal, seq);
        return new FollowUpChange(next, new StepRecord(id, seq, now, actor.id(), actor.role(), step, note));
    }
}
