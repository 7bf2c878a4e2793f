package org.bangban.store;

/** Why an applicant asked for a callback 预约 instead of waiting. */
public enum CallbackReason {
    /** The request came outside service hours. */
    OUTSIDE_HOURS,
    /** The queue was at its maximum length. */
    QUEUE_FULL,
    /** No helper able to take the item (skill and language) was logged in. */
    NOBODY_ELIGIBLE,
    /** The applicant chose a callback rather than waiting. */
    APPLICANT_CHOICE
}
