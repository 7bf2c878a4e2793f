package org.bangban.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Which days are working days 工作日: Monday to Friday, except public holidays 法定节假日 (closed even on a
 * weekday), plus make-up working days 调休 (a Saturday or Sunday worked in exchange for a longer holiday, as in
 * China). Used for service hours and for follow-up deadlines counted in working days.
 *
 * @param holidays          public-holiday dates: not working days
 * @param makeUpWorkingDays weekend dates that are working days
 */
public record HolidayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {

    private static final HolidayCalendar NONE = new HolidayCalendar(Set.of(), Set.of());

    public HolidayCalendar {
        if (holidays == null) throw new IllegalArgumentException("holidays are required");
        if (makeUpWorkingDays == null) throw new IllegalArgumentException("makeUpWorkingDays are required");
        holidays = Set.copyOf(holidays);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        for (LocalDate d : makeUpWorkingDays) {
            if (holidays.contains(d))
                throw new IllegalArgumentException(d + " cannot be both a holiday and a make-up working day");
            if (!isWeekend(d))
                throw new IllegalArgumentException("make-up working day " + d + " is a " + d.getDayOfWeek()
                        + ", not a Saturday or Sunday");
        }
    }

    /** No holidays and no make-up days: Monday to Friday are the working days. */
    public static HolidayCalendar none() {
        return NONE;
    }

    /**
     * A calendar from two comma-separated lists of ISO dates, e.g. {@code "2026-10-01,2026-10-02"} and
     * {@code "2026-10-11"}. An entry may also be an inclusive range {@code "2026-10-01..2026-10-07"}. Spaces are
     * ignored; null or blank means none.
     *
     * @throws IllegalArgumentException on a malformed date or range, or an invalid calendar
     */
    public static HolidayCalendar parse(String holidays, String makeUpWorkingDays) {
        return new HolidayCalendar(parseDates("holidays", holidays), parseDates("make-up working days",
                makeUpWorkingDays));
    }

    static Set<LocalDate> parseDates(String what, String text) {
        Set<LocalDate> dates = new HashSet<>();
        if (text == null || text.isBlank()) return dates;
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            int dots = entry.indexOf("..");
            if (dots < 0) {
                dates.add(date(what, entry));
                continue;
            }
            LocalDate from = date(what, entry.substring(0, dots).strip());
            LocalDate to = date(what, entry.substring(dots + 2).strip());
            if (to.isBefore(from))
                throw new IllegalArgumentException("bad range in " + what + ": '" + entry + "' ends before it starts");
            if (from.plusDays(366).isBefore(to))
                throw new IllegalArgumentException("bad range in " + what + ": '" + entry + "' is longer than a year");
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) dates.add(d);
        }
        return dates;
    }

    private static LocalDate date(String what, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad date in " + what + ": '" + text + "', expected yyyy-MM-dd", e);
        }
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(requireDate(date));
    }

    public boolean isMakeUpWorkingDay(LocalDate date) {
        return makeUpWorkingDays.contains(requireDate(date));
    }

    /** False on a holiday; true on a make-up working day; otherwise true from Monday to Friday. */
    public boolean isWorkingDay(LocalDate date) {
        if (holidays.contains(requireDate(date))) return false;
        if (makeUpWorkingDays.contains(date)) return true;
        return !isWeekend(date);
    }

    /**
     * The day {@code workingDays} working days after {@code date}, not counting {@code date} itself; {@code date}
     * when 0. E.g. a follow-up due "within 1 working day" of a Friday is due on Monday (or later, past holidays).
     */
    public LocalDate plusWorkingDays(LocalDate date, int workingDays) {
        if (date == null) throw new IllegalArgumentException("date is required");
        if (workingDays < 0) throw new IllegalArgumentException("workingDays must not be negative, was " + workingDays);
        LocalDate d = date;
        for (int left = workingDays; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) left--;
        }
        return d;
    }

    private static LocalDate requireDate(LocalDate date) {
        if (date == null) throw new IllegalArgumentException("date is required");
        return date;
    }

    private static boolean isWeekend(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }
}
