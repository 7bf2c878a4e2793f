package org.bangban.queue;

import java.util.Comparator;
import java.util.List;

/** The helper idle longest (smallest {@code idleSince}), then the smaller id; proficiency is ignored. */
public final class LongestIdle implements RoutingStrategy, OrderedStrategy {

    /** Best first. */
    public static final Comparator<Candidate> ORDER = (a, b) -> {
        int c = Long.compare(a.helper().idleSince(), b.helper().idleSince());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    @Override
    public Candidate pickByRule(HelpRequest request, List<Candidate> candidates, long now) {
        return RoutingStrategy.least(candidates, ORDER);
    }

    @Override
    public int primaryKey(int proficiency, int load) {
        return 0;
    }

    @Override
    public boolean thenLongestIdle() {
        return true;
    }
}
