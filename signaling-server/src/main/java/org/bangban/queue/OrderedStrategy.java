package org.bangban.queue;

/**
 * A strategy whose rule is "the least candidate under a fixed order", the order being made of: a small integer
 * key of proficiency and load, then (optionally) the longest idle, then the helper id — possibly rotated by a
 * cursor (round robin). Knowing this, the {@link HelperIndex} keeps the helpers of each skill, group and department
 * sorted in that order, and the router looks only at the head of each instead of at every eligible helper.
 * Package-private: an optimisation contract of the built-in strategies; any other {@link RoutingStrategy} works
 * too, shown every eligible helper.
 *
 * <p>Contract: {@link RoutingStrategy#pickByRule} returns the least candidate by ({@link #primaryKey} ascending,
 * then {@code idleSince} ascending when {@link #thenLongestIdle()}, then id), after the rotation if any; a
 * higher proficiency never gives a greater primary key, and a higher load never gives a smaller one.
 */
interface OrderedStrategy {

    /** The first sort key, ascending. */
    int primaryKey(int proficiency, int load);

    /** True when ties on the primary key go to the helper idle longest (then to the smaller id). */
    boolean thenLongestIdle();

    /** True when {@link #primaryKey} reads the load, which changes as offers are planned. */
    default boolean orderReadsLoad() {
        return false;
    }

    /**
     * When not null, the order is by helper id alone (constant primary key, no idle tie-break) and rotated: ids
     * after this one come first, then the rest from the smallest. Null for an unrotated order.
     */
    default String rotationCursor() {
        return null;
    }
}
