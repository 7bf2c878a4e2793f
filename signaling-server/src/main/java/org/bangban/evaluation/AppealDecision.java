package org.bangban.evaluation;

/** A supervisor's decision on an appeal 申诉. */
public enum AppealDecision {
    /** The rating was malicious or mistaken: it stays on record but is excluded from indicators. */
    UPHELD,
    /** The rating stands as it is and counts; the follow-up goes on. */
    REJECTED
}
