package org.bangban.cases;

import java.util.Locale;
import java.util.Objects;

/**
 * A case operation was refused; nothing was written. {@link #code()} is a stable machine code for clients (REST
 * error bodies, UI messages); the message says what happened, to which case, and what to do.
 */
public class CaseException extends RuntimeException {
    /** The stable reasons; {@link #wire()} is the code clients see. */
    public enum Code {
        /** No case has this number. */
        NOT_FOUND,
        /** The action is not allowed in the case's current state (see the message for what is). */
        ILLEGAL_TRANSITION,
        /** The input is malformed or incomplete (a bad case number, a missing field, a too long text). */
        INVALID,
        /** A 代办 mandate was asked for an item that is not on the list of delegable items. */
        NOT_DELEGABLE,
        /** A case already exists for this help request. */
        DUPLICATE,
        /** The day's 999,999 case numbers are used up. */
        NUMBERS_EXHAUSTED;

        /** The code as clients see it, e.g. {@code illegal_transition}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public CaseException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable machine code, e.g. {@code not_found}, {@code illegal_transition}, {@code invalid}. */
    public String code() {
        return code.wire();
    }

    public Code error() {
        return code;
    }
}
