package org.bangban.evaluation;

import java.util.List;

/**
 * A rating of one of a case's sessions with its follow-up (null when the rating is not bad) and the follow-up's
 * history (empty then).
 */
public record CaseEvaluation(Evaluation evaluation, FollowUp followUp, List<StepRecord> history) {
    public CaseEvaluation {
        history = List.copyOf(history);
    }
}
