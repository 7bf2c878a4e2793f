package org.bangban.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.bangban.calendar.HolidayCalendar;
import org.bangban.config.Config;

/**
 * Deadlines counted in working days 工作日 of the service's calendar, in the service's time zone.
 *
 * <p><b>The rule.</b> A deadline of N working days from an instant: take the date of the instant in the service
 * zone (D); the last day allowed is the Nth working day after D, not counting D itself
 * ({@link HolidayCalendar#plusWorkingDays}), so weekends and holidays are skipped and a make-up working day 调休
 * counts; the deadline is the end of that day, i.e. {@link #deadline} returns the first instant of the next
 * calendar day in the service zone, and a step is overdue from that instant on ({@code now >= deadline}). N = 0
 * means the end of D itself. D need not be a working day: a rating on Saturday with N = 1 is due by the end of
 * Monday (or of the next working day after a holiday).
 */
public final class WorkingDays {
    private final HolidayCalendar calendar;
    private final ZoneId zone;

    public WorkingDays(HolidayCalendar calendar, ZoneId zone) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** From the configuration keys {@code service.holidays}, {@code service.workdays} and {@code service.zone}. */
    public static WorkingDays from(Config config) {
        try {
            return new WorkingDays(HolidayCalendar.parse(config.string("service.holidays"),
                    config.string("service.workdays")), ZoneId.of(config.string("service.zone")));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new Config.ConfigException("service.holidays, service.workdays or service.zone is wrong: "
                    + e.getMessage());
        }
    }

    public HolidayCalendar calendar() {
        return calendar;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The date of an instant in the service zone (the "day" of indicators). */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The last day allowed: the {@code workingDays}th working day after the date of {@code from}. */
    public LocalDate lastDay(Instant from, int workingDays) {
        Objects.requireNonNull(from, "from");
        return calendar.plusWorkingDays(dateOf(from), workingDays);
    }

    /**
     * The deadline of {@code workingDays} working days from {@code from}: the end of {@link #lastDay}, given as the
     * first instant of the following day in the service zone. Late from this instant on.
     */
    public Instant deadline(Instant from, int workingDays) {
        return lastDay(from, workingDays).plusDays(1).atStartOfDay(zone).toInstant();
    }
}
