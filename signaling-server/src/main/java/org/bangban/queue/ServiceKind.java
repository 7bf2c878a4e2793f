package org.bangban.queue;

/** The two kinds of service of the standard: 帮办 (the applicant does it, guided) and 代办 (done on their behalf). */
public enum ServiceKind {
    /** 帮办: answering questions, guidance filling in forms, accompanying. */
    ASSIST,
    /** 代办: filing on their behalf, liaising, coordinating — only for items on the eligible list. */
    DELEGATE
}
