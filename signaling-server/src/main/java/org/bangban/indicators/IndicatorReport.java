package org.bangban.indicators;

import java.time.LocalDate;
import java.util.List;

/**
 * A report: the total over the range and, when grouped, one row per group that had anything in it (helpers by
 * label, items by label, departments and days by key).
 *
 * @param zone           the service time zone the days are cut in
 * @param serviceLevelMs the service-level threshold
 */
public record IndicatorReport(LocalDate from, LocalDate to, Dimension by, String zone, long serviceLevelMs,
                              IndicatorRow total, List<IndicatorRow> rows) { }
