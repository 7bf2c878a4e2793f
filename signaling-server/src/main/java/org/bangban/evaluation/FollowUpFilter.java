package org.bangban.evaluation;

/** Which follow-ups {@link Evaluations#followUps} lists, and in what order. */
public enum FollowUpFilter {
    /** Not closed, oldest first. */
    OPEN,
    /** Current step's deadline passed ({@code due_at <= now}), most overdue first. */
    OVERDUE,
    /** Every follow-up, newest first. */
    ALL
}
