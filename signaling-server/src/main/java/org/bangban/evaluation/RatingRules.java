package org.bangban.evaluation;

import java.time.Duration;
import java.time.Instant;
import org.bangban.identity.Role;

/**
 * Who may rate a session and when. Pure: the "only once" rule needs the store and is enforced there (and by the
 * database's unique session id).
 *
 * <p>The window is {@code [sessionEndedAt, sessionEndedAt + window]}, both ends included. A rating stamped a
 * little before the recorded end (clocks of two nodes) is accepted: the caller vouches that the session ended.
 */
public final class RatingRules {
    private RatingRules() {
    }

    /**
     * Checks a rating against the session it rates.
     *
     * @throws EvaluationException {@code forbidden} when the rater is not the session's applicant;
     *                             {@code window_closed} when the window has passed
     */
    public static void check(NewRating rating, Instant now, Duration window) {
        if (rating.rater().role() != Role.APPLICANT || !rating.rater().id().equals(rating.applicantId())) {
            throw EvaluationException.forbidden(rating.rater().id() + " may not rate session " + rating.sessionId()
                    + ": only the session's own applicant rates it");
        }
        Instant closes = rating.sessionEndedAt().plus(window);
        if (now.isAfter(closes)) {
            throw new EvaluationException(EvaluationException.WINDOW_CLOSED, "session " + rating.sessionId()
                    + " can no longer be rated: ratings are taken until " + closes + " (" + window.toDays()
                    + " days after the session ended); the rating was not recorded");
        }
    }
}
