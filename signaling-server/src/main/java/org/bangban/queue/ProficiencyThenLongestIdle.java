package org.bangban.queue;

import java.util.Comparator;
import java.util.List;

/** Highest proficiency first, then the helper idle longest (smallest {@code idleSince}), then the smaller id. */
public final class ProficiencyThenLongestIdle implements RoutingStrategy, OrderedStrategy {

    /** Best first. */
    public static final Comparator<Candidate> ORDER = (a, b) -> {
        int c = Integer.compare(b.proficiency(), a.proficiency());
        if (c != 0) return c;
        c = Long.compare(a.helper().idleSince(), b.helper().idleSince());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    @Override
    public Candidate pickByRule(HelpRequest request, List<Candidate> candidates, long now) {
        return RoutingStrategy.least(candidates, ORDER);
    }

    @Override
    public int primaryKey(int proficiency, int load) {
        return -proficiency;
    }

    @Override
    public boolean thenLongestIdle() {
        return true;
    }
}
