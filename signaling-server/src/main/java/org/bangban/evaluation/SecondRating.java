package org.bangban.evaluation;

import java.time.Instant;

/**
 * The applicant's follow-up rating 追评 after a bad rating was followed up and reported back: one per
 * evaluation, never changed.
 *
 * @param evaluationId the first rating it follows
 * @param level        one of the five levels
 * @param comment      optional comment (null = none)
 * @param createdAt    when it was given
 */
public record SecondRating(String evaluationId, RatingLevel level, String comment, Instant createdAt) {
}
