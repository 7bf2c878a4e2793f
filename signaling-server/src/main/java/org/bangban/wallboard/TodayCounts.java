package org.bangban.wallboard;

import org.bangban.indicators.Rate;

/**
 * How the requests of one queue ended today (service time zone), from {@code request_outcome}. The rates are the
 * indicators' ({@link Rate#serviceLevel}, {@link Rate#abandonment}).
 *
 * @param ended           requests that ended today, any outcome
 * @param answered        PAIRED: a helper took them
 * @param answeredInLevel PAIRED after waiting at most the service-level threshold
 * @param abandoned       ABANDONED: the applicant went away while waiting
 * @param cancelled       CANCELLED: the applicant stopped waiting
 */
public record TodayCounts(long ended, long answered, long answeredInLevel, long abandoned, long cancelled) {
    public static final TodayCounts NONE = new TodayCounts(0, 0, 0, 0, 0);

    /** Answered within the threshold / (answered + abandoned); null when there is nothing to divide. */
    public Double serviceLevel() {
        return Rate.serviceLevel(answeredInLevel, answered, abandoned).value();
    }

    /** Abandoned / ended; null when nothing ended. */
    public Double abandonmentRate() {
        return Rate.abandonment(abandoned, ended).value();
    }

    TodayCounts plus(TodayCounts o) {
        return new TodayCounts(ended + o.ended, answered + o.answered, answeredInLevel + o.answeredInLevel,
                abandoned + o.abandoned, cancelled + o.cancelled);
    }
}
