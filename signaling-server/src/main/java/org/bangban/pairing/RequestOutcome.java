package org.bangban.pairing;

/** How a help request left the queue; each request ends exactly once. */
public enum RequestOutcome {
    /** Accepted by a helper: a session started. */
    PAIRED,
    /** The applicant left (disconnected past the grace period) while waiting. */
    ABANDONED,
    /** The applicant cancelled while waiting. */
    CANCELLED,
    /** Not queued: outside service hours, queue full or nobody eligible; the applicant was offered a callback 预约. */
    CALLBACK
}
