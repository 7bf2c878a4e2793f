package org.bangban.queue;

import java.time.Duration;

/**
 * Estimates how long a waiting applicant still waits (预计等待时间), from recent handling times.
 *
 * <p>Handling time is talk plus wrap-up (整理) of a finished session. The estimator keeps the last {@code window}
 * of them (default 100) and uses their mean; before any is known it uses a default (5 min).
 *
 * <p>The formula, after Asterisk's queue hold-time announcement: with {@code position} (1-based) in the queue and
 * {@code staffed} eligible helpers logged in, helpers serve in parallel, so the applicant's turn comes after
 * {@code ceil(position / max(1, staffed))} rounds of one mean handling time each:
 * <pre>  estimate = ceil(position / max(1, staffed)) × meanHandlingTime</pre>
 * It is deliberately pessimistic for the head of the queue (a full handling time, as if every helper had just
 * started a session) and ignores offers in flight. Thread-safe: it is fed from session ends and read by the
 * pairing loop.
 */
public final class WaitEstimator {

    public static final int DEFAULT_WINDOW = 100;
    public static final Duration DEFAULT_HANDLING_TIME = Duration.ofMinutes(5);

    private final long[] window;
    private final long defaultMillis;
    private int count;
    private int next;
    private long sumMillis;

    /** A window of the last 100 handling times and a default of 5 minutes. */
    public WaitEstimator() {
        this(DEFAULT_WINDOW, DEFAULT_HANDLING_TIME);
    }

    public WaitEstimator(int windowSize, Duration defaultHandlingTime) {
        if (windowSize < 1) throw new IllegalArgumentException("windowSize must be at least 1, was " + windowSize);
        requireNonNegative("defaultHandlingTime", defaultHandlingTime);
        this.window = new long[windowSize];
        this.defaultMillis = defaultHandlingTime.toMillis();
    }

    /** Records a finished session's handling time (talk plus wrap-up); the oldest falls out of a full window. */
    public synchronized void record(Duration handlingTime) {
        requireNonNegative("handlingTime", handlingTime);
        long millis = handlingTime.toMillis();
        if (count == window.length) {
            sumMillis -= window[next];
        } else {
            count++;
        }
        window[next] = millis;
        sumMillis += millis;
        next = (next + 1) % window.length;
    }

    /** Records a finished session from its talk time and its wrap-up time. */
    public void record(Duration talk, Duration wrapUp) {
        requireNonNegative("talk", talk);
        requireNonNegative("wrapUp", wrapUp);
        record(talk.plus(wrapUp));
    }

    /** The mean of the handling times in the window, or the default when none is known yet. */
    public synchronized Duration meanHandlingTime() {
        return Duration.ofMillis(count == 0 ? defaultMillis : Math.round((double) sumMillis / count));
    }

    /** How many handling times the window holds now. */
    public synchronized int samples() {
        return count;
    }

    /**
     * The expected wait: {@code ceil(position / max(1, staffed)) × meanHandlingTime}.
     *
     * @param position               the applicant's 1-based position in its queue
     * @param eligibleHelpersStaffed eligible helpers logged in (0 counts as 1)
     */
    public Duration estimate(int position, int eligibleHelpersStaffed) {
        if (position < 1) throw new IllegalArgumentException("position must be at least 1, was " + position);
        if (eligibleHelpersStaffed < 0)
            throw new IllegalArgumentException("eligibleHelpersStaffed must not be negative, was "
                    + eligibleHelpersStaffed);
        long staffed = Math.max(1, eligibleHelpersStaffed);
        long rounds = (position + staffed - 1) / staffed;
        return meanHandlingTime().multipliedBy(rounds);
    }

    private static void requireNonNegative(String name, Duration d) {
        if (d == null) throw new IllegalArgumentException(name + " is required");
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
}
