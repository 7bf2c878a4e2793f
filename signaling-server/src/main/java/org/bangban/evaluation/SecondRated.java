package org.bangban.evaluation;

/** What {@link Evaluations#addSecondRating} recorded: the 追评 and the follow-up it closed. */
public record SecondRated(SecondRating rating, FollowUpChange change) {
}
