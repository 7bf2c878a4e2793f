package org.bangban.evaluation;

import java.time.Instant;
import org.bangban.identity.Role;

/**
 * One entry of a follow-up's append-only history: never updated or deleted.
 *
 * @param followUpId the follow-up
 * @param seq        1, 2, 3 … in order, without gaps (1 is {@link FollowUpStep#OPEN})
 * @param at         when
 * @param actorId    who
 * @param actorRole  as what
 * @param step       what
 * @param note       free text (for an appeal: its reason), may be null
 */
public record StepRecord(String followUpId, int seq, Instant at, String actorId, Role actorRole, FollowUpStep step,
                         String note) {
}
