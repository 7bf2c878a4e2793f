package org.bangban.evaluation;

/**
 * What one action did to a follow-up: its new state and the history entry recorded for it (e.g. for a case
 * event).
 */
public record FollowUpChange(FollowUp followUp, StepRecord step) {
}
