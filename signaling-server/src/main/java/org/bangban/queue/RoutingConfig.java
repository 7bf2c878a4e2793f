package org.bangban.queue;

import java.time.Duration;

/**
 * How waiting help requests are paired with helpers.
 *
 * <p>Ageing works by head start: a request is served in order of {@code arrivedAt − headStart}
 * ({@link HelpRequest#serviceKey()}). A green-channel request 绿色通道 is served as if it had arrived
 * {@code greenHeadStart} earlier, so it goes before normal requests that arrived up to that long before it,
 * while a normal request that has waited longer than the head start is never overtaken by a fresh green one:
 * nothing starves. Transfers (to a named helper or a group) get {@code transferHeadStart} so they wait ahead of
 * new arrivals.
 *
 * @param greenHeadStart    head start of a green-channel request (default 10 min)
 * @param transferHeadStart head start of a transferred request (default 1 h)
 * @param overflowAfter     wait after which a request widens to helpers of its item's department or of the item's
 *                          fallback group, at proficiency 1 (default 2 min)
 * @param strategy          how a request picks among eligible helpers (default proficiency, then longest idle)
 */
public record RoutingConfig(Duration greenHeadStart, Duration transferHeadStart, Duration overflowAfter,
                            StrategyName strategy) {

    public static final Duration DEFAULT_GREEN_HEAD_START = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TRANSFER_HEAD_START = Duration.ofHours(1);
    public static final Duration DEFAULT_OVERFLOW_AFTER = Duration.ofMinutes(2);
    public static final StrategyName DEFAULT_STRATEGY = StrategyName.PROFICIENCY_THEN_LONGEST_IDLE;

    private static final RoutingConfig DEFAULTS = new RoutingConfig(DEFAULT_GREEN_HEAD_START,
            DEFAULT_TRANSFER_HEAD_START, DEFAULT_OVERFLOW_AFTER, DEFAULT_STRATEGY);

    public RoutingConfig {
        requireNonNegative("greenHeadStart", greenHeadStart);
        requireNonNegative("transferHeadStart", transferHeadStart);
        requireNonNegative("overflowAfter", overflowAfter);
        if (strategy == null) throw new IllegalArgumentException("strategy is required");
    }

    /** Green 10 min, transfer 1 h, overflow after 2 min, proficiency then longest idle. */
    public static RoutingConfig defaults() {
        return DEFAULTS;
    }

    public RoutingConfig withStrategy(StrategyName strategy) {
        return new RoutingConfig(greenHeadStart, transferHeadStart, overflowAfter, strategy);
    }

    public RoutingConfig withOverflowAfter(Duration overflowAfter) {
        return new RoutingConfig(greenHeadStart, transferHeadStart, overflowAfter, strategy);
    }

    public RoutingConfig withHeadStarts(Duration greenHeadStart, Duration transferHeadStart) {
        return new RoutingConfig(greenHeadStart, transferHeadStart, overflowAfter, strategy);
    }

    /**
     * The {@link HelpRequest#headStartMillis()} for a new request with this configuration. A green transfer gets
     * both head starts added, so green still goes first among transfers.
     */
    public long headStartMillis(PriorityClass priority, boolean transfer) {
        if (priority == null) throw new IllegalArgumentException("priority is required");
        long millis = transfer ? transferHeadStart.toMillis() : 0L;
        if (priority == PriorityClass.GREEN) millis += greenHeadStart.toMillis();
        return millis;
    }

    /** {@link #headStartMillis(PriorityClass, boolean)} with the {@link #defaults()}. */
    public static long headStartFor(PriorityClass priority, boolean transfer) {
        return DEFAULTS.headStartMillis(priority, transfer);
    }

    private static void requireNonNegative(String name, Duration d) {
        if (d == null) throw new IllegalArgumentException(name + " is required");
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
}
