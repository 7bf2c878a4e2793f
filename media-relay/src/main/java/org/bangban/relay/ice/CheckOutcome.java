package org.bangban.relay.ice;

/**
 * What an ICE-lite agent made of one incoming Binding request: a response to send back (or
 * none, when the request is to be dropped silently), and why.
 */
public record CheckOutcome(Verdict verdict, byte[] response, boolean selectedPathChanged) {

    /** Bounded set of verdicts, usable as a metrics tag. */
    public enum Verdict {
        /** Valid check: answered with a success response. */
        ACCEPTED,
        /** Bad or missing MESSAGE-INTEGRITY, or wrong username: 401 without integrity. */
        UNAUTHENTICATED,
        /** The peer claims the controlled role facing a lite agent: 487. */
        ROLE_CONFLICT,
        /** FINGERPRINT missing or wrong, unknown comprehension-required attribute: dropped. */
        MALFORMED,
        /** The agent is closed: dropped. */
        CLOSED
    }

    static CheckOutcome dropped(Verdict verdict) {
        return new CheckOutcome(verdict, null, false);
    }
}
