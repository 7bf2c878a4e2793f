package org.bangban.queue;

import java.util.Comparator;
import java.util.List;

/**
 * How a waiting request picks one helper among the eligible candidates that can take an offer now.
 *
 * <p>Implement {@link #pickByRule}; callers use {@link #pick}, which lets the applicant's preferred helper win
 * whenever it is among the candidates, whatever the strategy.
 */
public interface RoutingStrategy {

    /**
     * The strategy's own choice, ignoring any preferred helper.
     *
     * @param candidates non-empty; each helper at most once
     */
    Candidate pickByRule(HelpRequest request, List<Candidate> candidates, long now);

    /** The candidate to offer the request to: the preferred helper when it is a candidate, else {@link #pickByRule}. */
    default Candidate pick(HelpRequest request, List<Candidate> candidates, long now) {
        if (request == null) throw new IllegalArgumentException("request is required");
        if (candidates == null || candidates.isEmpty())
            throw new IllegalArgumentException("candidates must not be empty");
        String preferred = request.preferredHelperId();
        if (preferred != null) {
            for (int i = 0, n = candidates.size(); i < n; i++) {
                Candidate c = candidates.get(i);
                if (preferred.equals(c.id())) return c;
            }
        }
        return pickByRule(request, candidates, now);
    }

    /** A new strategy of the named kind. */
    static RoutingStrategy of(StrategyName name) {
        if (name == null) throw new IllegalArgumentException("strategy name is required");
        return switch (name) {
            case PROFICIENCY_THEN_LONGEST_IDLE -> new ProficiencyThenLongestIdle();
            case LONGEST_IDLE -> new LongestIdle();
            case FEWEST_SESSIONS -> new FewestSessions();
            case ROUND_ROBIN -> new RoundRobin();
        };
    }

    /** The least candidate by {@code order}; the built-in orders all end on the helper id, so this is deterministic. */
    static Candidate least(List<Candidate> candidates, Comparator<Candidate> order) {
        if (candidates == null || candidates.isEmpty())
            throw new IllegalArgumentException("candidates must not be empty");
        Candidate best = candidates.get(0);
        for (int i = 1, n = candidates.size(); i < n; i++) {
            Candidate c = candidates.get(i);
            if (order.compare(c, best) < 0) best = c;
        }
        return best;
    }
}
