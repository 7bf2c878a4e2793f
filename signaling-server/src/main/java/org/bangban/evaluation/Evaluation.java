package org.bangban.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A stored rating 评价 of one session. Its level, tags and comment never change once recorded; only
 * {@code excluded} is set, when a supervisor upholds an appeal 申诉.
 *
 * @param id             evaluation id ({@code ev-…})
 * @param sessionId      the rated session
 * @param caseNumber     the session's case 办件
 * @param applicantId    the applicant who rated
 * @param helperId       the rated helper
 * @param level          one of the five levels
 * @param tags           tags from the defined set
 * @param comment        comment, null when none
 * @param createdAt      when it was given
 * @param day            the day it was given, in the service zone (the indicators' day)
 * @param sessionEndedAt when the session ended
 * @param excluded       true when an appeal was upheld: kept, but left out of the indicators
 * @param secondRating   the 追评, null when none
 */
public record Evaluation(String id, String sessionId, String caseNumber, String applicantId, String helperId,
                         RatingLevel level, Set<RatingTag> tags, String comment, Instant createdAt, LocalDate day,
                         Instant sessionEndedAt, boolean excluded, SecondRating secondRating) {
    public Evaluation {
        tags = Set.copyOf(tags);
    }

    /** A bad rating 差评 (the two lowest levels): it has a follow-up. */
    public boolean isBad() {
        return level.isBad();
    }
}
