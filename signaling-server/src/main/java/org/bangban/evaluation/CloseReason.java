package org.bangban.evaluation;

/** Why a follow-up closed. */
public enum CloseReason {
    /** The applicant added the follow-up rating 追评. */
    SECOND_RATING,
    /** Staff closed it after the 追评 window passed without one. */
    NO_SECOND_RATING,
    /** A supervisor upheld an appeal 申诉 against the rating. */
    APPEAL_UPHELD
}
