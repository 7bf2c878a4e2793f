package org.bangban.queue;

/** The routing strategies a deployment can choose from (how a waiting request picks among eligible helpers). */
public enum StrategyName {
    /** Highest proficiency for the item first, then the helper idle longest (the default). */
    PROFICIENCY_THEN_LONGEST_IDLE,
    /** The helper idle longest, whatever the proficiency. */
    LONGEST_IDLE,
    /** The helper with the fewest sessions and pending offers, then the one idle longest. */
    FEWEST_SESSIONS,
    /** Rotate over the helpers in order of their ids. */
    ROUND_ROBIN;

    /** A new strategy of this kind; stateful ones (round robin) start afresh. */
    public RoutingStrategy newStrategy() {
        return RoutingStrategy.of(this);
    }
}
