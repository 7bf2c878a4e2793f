package org.bangban.evaluation;

import java.time.Instant;

/**
 * An appeal 申诉 by staff against a bad rating (at most one per follow-up), and its decision.
 *
 * @param byId        the staff member who appealed
 * @param reason      why the rating is malicious or mistaken
 * @param at          when it was filed
 * @param decision    null while pending
 * @param decidedById the supervisor who decided, null while pending
 * @param decidedAt   when, null while pending
 * @param decisionNote the supervisor's note, may be null
 */
public record Appeal(String byId, String reason, Instant at, AppealDecision decision, String decidedById,
                     Instant decidedAt, String decisionNote) {
    public boolean pending() {
        return decision == null;
    }
}
