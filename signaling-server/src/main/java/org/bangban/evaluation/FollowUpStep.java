package org.bangban.evaluation;

/** What happened in a follow-up, as recorded in its append-only history ({@link StepRecord}). */
public enum FollowUpStep {
    /** Opened with the bad rating (actor: the applicant who rated). */
    OPEN,
    /** 回访: staff contacted the applicant. */
    CONTACT,
    /** 核实: staff verified the complaint. */
    VERIFY,
    /** 整改: staff rectified what was wrong. */
    RECTIFY,
    /** 反馈: staff reported the outcome back to the applicant. */
    REPORT_BACK,
    /** 追评: the applicant's one follow-up rating; closes the follow-up. */
    SECOND_RATING,
    /** Staff closed the follow-up after the 追评 window passed without one. */
    CLOSE,
    /** 申诉: staff appealed the rating as malicious or mistaken (the note is the reason). */
    APPEAL,
    /** A supervisor upheld the appeal: the rating stays, excluded from indicators; the follow-up closes. */
    APPEAL_UPHELD,
    /** A supervisor rejected the appeal: the follow-up goes on. */
    APPEAL_REJECTED;

    /** The steps staff take with {@link Evaluations#advance}; the others have methods of their own. */
    public boolean isStaffStep() {
        return this == CONTACT || this == VERIFY || this == RECTIFY || this == REPORT_BACK || this == CLOSE;
    }
}
