package org.bangban.queue;

import java.util.Comparator;
import java.util.List;

/**
 * The helper with the fewest active sessions plus pending offers (offers planned earlier in the same pass
 * included), then the one idle longest, then the smaller id. Spreads load over helpers who take several sessions.
 */
public final class FewestSessions implements RoutingStrategy, OrderedStrategy {

    /** Best first. */
    public static final Comparator<Candidate> ORDER = (a, b) -> {
        int c = Integer.compare(a.load(), b.load());
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
        return load;
    }

    @Override
    public boolean thenLongestIdle() {
        return true;
    }

    @Override
    public boolean orderReadsLoad() {
        return true;
    }
}
