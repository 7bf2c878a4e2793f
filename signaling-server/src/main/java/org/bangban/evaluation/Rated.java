package org.bangban.evaluation;

/**
 * What {@link Evaluations#rate} recorded: the rating, and for a bad rating the follow-up it opened with its first
 * history entry (both null otherwise).
 */
public record Rated(Evaluation evaluation, FollowUpChange followUpOpened) {
    /** The opened follow-up, null when the rating is not bad. */
    public FollowUp followUp() {
        return followUpOpened == null ? null : followUpOpened.followUp();
    }
}
