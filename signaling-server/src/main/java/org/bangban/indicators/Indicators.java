package org.bangban.indicators;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bangban.config.Config;
import org.bangban.store.RecordStore;

/**
 * The indicators 评价指标 of the case log over a date range: response, wait and handling times, resolution,
 * satisfaction, abandonment, service level, bad-rating follow-up and on-time rectification (formulas:
 * {@link IndicatorRow}), in total and by helper, department, item or day. Each report first brings the per-day
 * rollup up to date ({@link IndicatorRollup}), then adds up the days of the range.
 */
public final class Indicators {
    /** The default service-level threshold: answered within 60 s. */
    public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(60);

    private final RecordStore store;
    private final ZoneId zone;
    private final Duration serviceLevel;
    private final IndicatorRollup rollup;

    public Indicators(RecordStore store, ZoneId zone, Duration serviceLevel, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (serviceLevel.isNegative() || serviceLevel.isZero()) {
            throw new IllegalArgumentException("indicators.service.level.seconds must be above 0, was "
                    + serviceLevel.toSeconds());
        }
        this.serviceLevel = serviceLevel;
        this.rollup = new IndicatorRollup(store, zone, serviceLevel.toMillis(), clock);
    }

    /** From {@code service.zone} and {@code indicators.service.level.seconds}. */
    public static Indicators from(Config config, RecordStore store, Clock clock) {
        int seconds = config.integer("indicators.service.level.seconds");
        if (seconds <= 0) {
            throw new Config.ConfigException("indicators.service.level.seconds (" + Config.envName(
                    "indicators.service.level.seconds") + ") must be above 0, was " + seconds);
        }
        return new Indicators(store, ZoneId.of(config.string("service.zone")), Duration.ofSeconds(seconds), clock);
    }

    /** Brings the rollup up to date; returns how many days were recomputed (all of them on the first call). */
    public int refresh() {
        return rollup.refresh().days();
    }

    /** The report for a query; rows sorted by label (days ascending), the group "none" last. */
    public IndicatorReport report(IndicatorQuery q) {
        rollup.refresh();
        Tally total = new Tally();
        List<IndicatorRow> rows = new ArrayList<>();
        if (q.helperId() != null) {
            Map<String, Tally> own = rollup.read(Dimension.HELPER, q.from(), q.to(), q.helperId(), false);
            Tally mine = own.getOrDefault(q.helperId(), new Tally());
            total.addAll(mine);
            if (q.by() == Dimension.HELPER) rows.add(IndicatorRow.of(q.helperId(), labels(Dimension.HELPER).getOrDefault(q.helperId(), q.helperId()), mine));
        } else {
            Map<String, Tally> days = rollup.read(Dimension.ALL, q.from(), q.to(), null, q.by() == Dimension.DAY);
            days.values().forEach(total::addAll);
            if (q.by() != null) {
                Map<String, Tally> groups = q.by() == Dimension.DAY ? days : rollup.read(q.by(), q.from(), q.to(), null, false);
                Map<String, String> labels = labels(q.by());
                groups.forEach((k, t) -> rows.add(IndicatorRow.of(k, labels.getOrDefault(k, k), t)));
                rows.sort(Comparator.comparing((IndicatorRow r) -> r.key().isEmpty())
                        .thenComparing(IndicatorRow::label).thenComparing(IndicatorRow::key));
            }
        }
        return new IndicatorReport(q.from(), q.to(), q.by(), zone.getId(), serviceLevel.toMillis(),
                IndicatorRow.of("", "", total), List.copyOf(rows));
    }

    /** Display names of helpers and items; departments and days show their key. */
    private Map<String, String> labels(Dimension by) {
        String sql = switch (by) {
            case HELPER -> "SELECT id, display_name FROM staff_account";
            case ITEM -> "SELECT id, name_zh FROM service_item";
            default -> null;
        };
        if (sql == null) return Map.of();
        return store.read("the names of the " + by.parameter() + "s", c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) if (rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    public Duration serviceLevel() {
        return serviceLevel;
    }
}
