package org.bangban.store;

/** How a help request ended. Every request ends exactly once. */
public enum Outcome {
    /** A helper accepted it: a session started. */
    PAIRED,
    /** The applicant went away (connection lost past the grace period) while waiting. */
    ABANDONED,
    /** The applicant cancelled while waiting. */
    CANCELLED,
    /** The applicant was offered a callback 预约 instead (outside hours, queue full, nobody eligible). */
    CALLBACK,
    /** The request was refused (e.g. the item is not eligible for 代办). */
    REJECTED
}
