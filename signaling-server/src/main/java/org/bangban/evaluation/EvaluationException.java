package org.bangban.evaluation;

/**
 * A rating, follow-up step or appeal was refused; nothing was written. {@link #code()} is a stable machine code a
 * client can act on; the message says what happened, to what, and what to do.
 */
public class EvaluationException extends RuntimeException {
    /** The rating window is closed: too late to rate the session, or to add the 追评. */
    public static final String WINDOW_CLOSED = "window_closed";
    /** This session (or this follow-up's 追评) was already rated; a rating is given once. */
    public static final String ALREADY_RATED = "already_rated";
    /** The actor may not do this: not the session's applicant, not staff, the rated helper, not a supervisor. */
    public static final String FORBIDDEN = "forbidden";
    /** The follow-up is not at a point where this step is allowed (out of order, closed, appeal already filed). */
    public static final String ILLEGAL_STEP = "illegal_step";
    /** No such evaluation or follow-up. */
    public static final String NOT_FOUND = "not_found";
    /** A tag code that is not in {@link RatingTag}. */
    public static final String UNKNOWN_TAG = "unknown_tag";
    /** A comment, note or reason that is too long or holds control characters. */
    public static final String INVALID_TEXT = "invalid_text";
    /** A missing or malformed field. */
    public static final String INVALID_INPUT = "invalid_input";

    private final String code;

    public EvaluationException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable machine code, one of the constants of this class. */
    public String code() {
        return code;
    }

    static EvaluationException invalidInput(String message) {
        return new EvaluationException(INVALID_INPUT, message);
    }

    static EvaluationException forbidden(String message) {
        return new EvaluationException(FORBIDDEN, message);
    }

    static EvaluationException illegalStep(String message) {
        return new EvaluationException(ILLEGAL_STEP, message);
    }

    static EvaluationException notFound(String message) {
        return new EvaluationException(NOT_FOUND, message);
    }
}
