package org.bangban.indicators;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A report's question: the days from..to (inclusive, in the service time zone), grouped by a dimension or not at all
 * (only the total), and optionally only one helper's own figures.
 *
 * @param by       DAY, HELPER, DEPARTMENT or ITEM; null for the total only
 * @param helperId only this helper (its row and a total of its own records); null for everyone
 */
public record IndicatorQuery(LocalDate from, LocalDate to, Dimension by, String helperId) {
    /** The longest range one report covers. */
    public static final int MAX_DAYS = 3 * 366;

    public IndicatorQuery {
        if (from == null || to == null) throw new IllegalArgumentException("give both 'from' and 'to' (yyyy-MM-dd)");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + "); both days are included");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days; split " + from + " to "
                    + to + " into shorter ranges");
        }
        if (by == Dimension.ALL) by = null;
        if (helperId != null && by != null && by != Dimension.HELPER) {
            throw new IllegalArgumentException("a helper's own indicators are one row; ask by=helper or without 'by'");
        }
    }
}
