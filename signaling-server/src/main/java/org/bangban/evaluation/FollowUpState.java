package org.bangban.evaluation;

/**
 * Where a bad rating's follow-up stands: which step it waits for. The steps come in this order; each state but
 * {@link #AWAITING_SECOND_RATING} and {@link #CLOSED} has a deadline ({@link FollowUp#dueAt()}).
 */
public enum FollowUpState {
    /** Waiting for 回访: staff contact the applicant. Due {@code followup.contact.workingdays} after the rating. */
    AWAITING_CONTACT,
    /** Waiting for 核实: staff verify what happened. Due by the rectification deadline. */
    AWAITING_VERIFY,
    /** Waiting for 整改: staff put it right. Due {@code followup.rectify.workingdays} after the rating. */
    AWAITING_RECTIFY,
    /** Waiting for 反馈: staff report back to the applicant. Due by the rectification deadline. */
    AWAITING_REPORT_BACK,
    /**
     * Reported back; the applicant may add one 追评 within {@code evaluation.window}. No deadline for staff; staff
     * may close it once that window has passed.
     */
    AWAITING_SECOND_RATING,
    /** Done: by the 追评, by staff after the 追评 window, or by an upheld appeal. */
    CLOSED
}
