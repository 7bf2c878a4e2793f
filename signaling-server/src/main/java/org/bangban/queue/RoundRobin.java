package org.bangban.queue;

import java.util.List;

/**
 * Rotates over the helpers in order of their ids: picks the candidate with the smallest id after the one picked
 * last, wrapping round to the smallest. Stateful (the cursor is the id picked last) and deterministic; safe to
 * share between threads. A preferred helper chosen by {@link #pick} does not move the cursor.
 */
public final class RoundRobin implements RoutingStrategy, OrderedStrategy {

    private String lastPicked;

    @Override
    public synchronized Candidate pickByRule(HelpRequest request, List<Candidate> candidates, long now) {
        if (candidates == null || candidates.isEmpty())
            throw new IllegalArgumentException("candidates must not be empty");
        Candidate smallest = null;
        Candidate next = null;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Candidate c = candidates.get(i);
            if (smallest == null || c.id().compareTo(smallest.id()) < 0) smallest = c;
            if (lastPicked != null && c.id().compareTo(lastPicked) > 0
                    && (next == null || c.id().compareTo(next.id()) < 0)) next = c;
        }
        Candidate chosen = next != null ? next : smallest;
        lastPicked = chosen.id();
        return chosen;
    }

    /** The id picked last, or null before the first pick. */
    public synchronized String lastPicked() {
        return lastPicked;
    }

    @Override
    public int primaryKey(int proficiency, int load) {
        return 0;
    }

    @Override
    public boolean thenLongestIdle() {
        return false;
    }

    @Override
    public String rotationCursor() {
        return lastPicked();
    }
}
