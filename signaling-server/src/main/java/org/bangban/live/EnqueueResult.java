package org.bangban.live;

/** What happened to a request offered to the queue. */
public enum EnqueueResult {
    QUEUED,
    /** The queue holds its maximum number of waiting requests. */
    QUEUE_FULL,
    /** The applicant already has a waiting request or a live session. */
    ALREADY_WAITING
}
