package org.bangban.evaluation;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A rating 评价 an applicant gives one assistance session. The session's facts (its applicant, helper, case and
 * end) come from the session record, not from the rater; {@code rater} is whoever sent the rating.
 *
 * @param sessionId      the rated session (one rating per session)
 * @param caseNumber     the session's case 办件, e.g. {@code BB-20261126-000123}
 * @param applicantId    the session's applicant: the only one who may rate it
 * @param helperId       the helper who served the session (the last one, after a transfer)
 * @param sessionEndedAt when the session ended: the rating window opens then
 * @param rater          who sends the rating
 * @param level          one of the five levels
 * @param tags           optional tags from the defined set (null = none)
 * @param comment        optional comment, at most {@value FreeText#MAX_COMMENT} characters; trimmed, blank = none
 */
public record NewRating(String sessionId, String caseNumber, String applicantId, String helperId,
                        Instant sessionEndedAt, Actor rater, RatingLevel level, Set<RatingTag> tags, String comment) {
    public NewRating {
        sessionId = requireText("the session id", sessionId);
        caseNumber = requireText("the case number", caseNumber);
        applicantId = requireText("the session's applicant", applicantId);
        helperId = requireText("the session's helper", helperId);
        if (sessionEndedAt == null) throw EvaluationException.invalidInput("session " + sessionId + " has no end"
                + " time: a session is rated after it ended");
        if (rater == null) throw EvaluationException.invalidInput("a rating needs its rater");
        if (level == null) throw EvaluationException.invalidInput("a rating needs one of the five levels");
        tags = tags == null || tags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tags));
        comment = FreeText.optional("the comment", comment, FreeText.MAX_COMMENT);
    }

    static String requireText(String what, String value) {
        if (value == null || value.isBlank()) throw EvaluationException.invalidInput(what + " is required");
        return value.strip();
    }
}
