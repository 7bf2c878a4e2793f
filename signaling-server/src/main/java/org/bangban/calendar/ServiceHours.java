package org.bangban.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When the online service is staffed (服务时间): a weekly schedule of open intervals per weekday, in a time zone
 * (default Asia/Shanghai), following a {@link HolidayCalendar}.
 *
 * <p>Which schedule a date uses:
 * <ul>
 *   <li>a public holiday 法定节假日 is closed all day, even on a weekday;</li>
 *   <li>a make-up working day 调休 (a Saturday or Sunday worked) uses the schedule of <b>Monday</b>, a normal
 *       working day's hours;</li>
 *   <li>any other day uses the schedule of its own weekday (so a "SAT 09:00-12:00" line opens ordinary
 *       Saturdays).</li>
 * </ul>
 * The special schedule {@code always} is open 24/7, holidays included.
 *
 * <p>Text format ({@link #parse}): {@code always}, or clauses separated by {@code ;}, each a set of days then a
 * list of intervals:
 * <pre>
 *   MON-FRI 09:00-12:00,13:30-17:30; SAT 09:00-12:00
 *   MON,WED,FRI 08:30-17:00
 *   SAT-SUN 00:00-24:00
 * </pre>
 * Days are MON TUE WED THU FRI SAT SUN (any case), single, ranges in week order ({@code MON-FRI}, not
 * {@code FRI-MON}), or comma lists. Intervals are {@code HH:mm-HH:mm}, start inclusive, end exclusive, within one
 * day ({@code 24:00} is the end of the day; write a night shift as two clauses). Clauses naming the same day add
 * up; overlapping intervals merge. Days not named are closed.
 */
public final class ServiceHours {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** How far ahead {@link #nextOpening} looks. */
    public static final int MAX_SEARCH_DAYS = 60;

    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final String[] DAY_NAMES = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    /**
     * An open interval within a day, in minutes since midnight.
     *
     * @param fromMinute opening, inclusive (0–1439)
     * @param toMinute   closing, exclusive (1–1440; 1440 is the end of the day)
     */
    public record Interval(int fromMinute, int toMinute) {
        public Interval {
            if (fromMinute < 0 || toMinute > MINUTES_PER_DAY || fromMinute >= toMinute)
                throw new IllegalArgumentException("bad interval " + hhmm(fromMinute) + "-" + hhmm(toMinute)
                        + ": it must start before it ends, within 00:00-24:00");
        }

        /** Parses {@code HH:mm-HH:mm}; the end may be 24:00. */
        public static Interval parse(String text) {
            String[] parts = text.strip().split("-", -1);
            if (parts.length != 2)
                throw new IllegalArgumentException("bad interval '" + text + "', expected HH:mm-HH:mm");
            return new Interval(minute(parts[0].strip(), text), minute(parts[1].strip(), text));
        }

        public LocalTime from() {
            return LocalTime.MIN.plusMinutes(fromMinute);
        }

        boolean containsSecondOfDay(int second) {
            return second >= fromMinute * 60 && second < toMinute * 60;
        }

        @Override
        public String toString() {
            return hhmm(fromMinute) + "-" + hhmm(toMinute);
        }
    }

    private final Map<DayOfWeek, List<Interval>> week;
    private final boolean always;
    private final ZoneId zone;
    private final HolidayCalendar calendar;

    /**
     * A schedule from intervals per weekday (missing days are closed); intervals are sorted and merged.
     */
    public ServiceHours(Map<DayOfWeek, List<Interval>> week, ZoneId zone, HolidayCalendar calendar) {
        this(week, false, zone, calendar);
    }

    private ServiceHours(Map<DayOfWeek, List<Interval>> week, boolean always, ZoneId zone, HolidayCalendar calendar) {
        if (week == null) throw new IllegalArgumentException("week schedule is required");
        if (zone == null) throw new IllegalArgumentException("zone is required");
        if (calendar == null) throw new IllegalArgumentException("calendar is required");
        Map<DayOfWeek, List<Interval>> normalized = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<Interval> intervals = week.get(d);
            normalized.put(d, merge(intervals == null ? List.of() : intervals));
        }
        this.week = Collections.unmodifiableMap(normalized);
        this.always = always;
        this.zone = zone;
        this.calendar = calendar;
    }

    /** Open 24/7 in the default zone, holidays included. */
    public static ServiceHours always() {
        return always(DEFAULT_ZONE);
    }

    private static ServiceHours always(ZoneId zone) {
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) week.put(d, List.of(new Interval(0, MINUTES_PER_DAY)));
        return new ServiceHours(week, true, zone, HolidayCalendar.none());
    }

    /** {@link #parse(String, ZoneId, HolidayCalendar)} in Asia/Shanghai without holidays. */
    public static ServiceHours parse(String spec) {
        return parse(spec, DEFAULT_ZONE, HolidayCalendar.none());
    }

    /**
     * Parses the format in the class comment.
     *
     * @throws IllegalArgumentException on a malformed schedule
     */
    public static ServiceHours parse(String spec, ZoneId zone, HolidayCalendar calendar) {
        if (spec == null || spec.isBlank())
            throw new IllegalArgumentException("service hours are empty; write e.g. 'MON-FRI 09:00-17:00' or 'always'");
        if (spec.strip().equalsIgnoreCase("always")) {
            if (zone == null) throw new IllegalArgumentException("zone is required");
            return always(zone);
        }
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        for (String rawClause : spec.split(";")) {
            String clause = rawClause.strip();
            if (clause.isEmpty()) continue;
            int firstDigit = 0;
            while (firstDigit < clause.length() && !Character.isDigit(clause.charAt(firstDigit))) firstDigit++;
            String days = clause.substring(0, firstDigit).strip();
            String times = clause.substring(firstDigit).strip();
            if (days.isEmpty() || times.isEmpty())
                throw new IllegalArgumentException("bad service-hours clause '" + clause
                        + "', expected days then intervals, e.g. 'MON-FRI 09:00-12:00,13:30-17:30'");
            List<Interval> intervals = new ArrayList<>();
            for (String t : times.split(",")) {
                if (!t.isBlank()) intervals.add(Interval.parse(t));
            }
            for (DayOfWeek d : parseDays(days, clause)) {
                week.computeIfAbsent(d, k -> new ArrayList<>()).addAll(intervals);
            }
        }
        if (week.isEmpty()) throw new IllegalArgumentException("service hours name no day: '" + spec + "'");
        return new ServiceHours(week, zone, calendar);
    }

    private static List<DayOfWeek> parseDays(String days, String clause) {
        List<DayOfWeek> result = new ArrayList<>();
        for (String raw : days.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            if (dash < 0) {
                result.add(day(part, clause));
                continue;
            }
            DayOfWeek from = day(part.substring(0, dash).strip(), clause);
            DayOfWeek to = day(part.substring(dash + 1).strip(), clause);
            if (to.compareTo(from) < 0)
                throw new IllegalArgumentException("bad day range '" + part + "' in '" + clause
                        + "': write it in week order, Monday first (e.g. SAT-SUN)");
            for (int d = from.getValue(); d <= to.getValue(); d++) result.add(DayOfWeek.of(d));
        }
        if (result.isEmpty()) throw new IllegalArgumentException("no day in service-hours clause '" + clause + "'");
        return result;
    }

    private static DayOfWeek day(String name, String clause) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (int i = 0; i < DAY_NAMES.length; i++) {
            if (DAY_NAMES[i].equals(upper)) return DayOfWeek.of(i + 1);
        }
        throw new IllegalArgumentException("unknown day '" + name + "' in '" + clause
                + "', expected one of MON TUE WED THU FRI SAT SUN");
    }

    private static int minute(String hhmm, String interval) {
        String[] p = hhmm.split(":", -1);
        try {
            if (p.length == 2 && p[0].length() >= 1 && p[0].length() <= 2 && p[1].length() == 2) {
                int h = Integer.parseInt(p[0]);
                int m = Integer.parseInt(p[1]);
                if (h >= 0 && m >= 0 && m < 60 && (h < 24 || (h == 24 && m == 0))) return h * 60 + m;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("bad time '" + hhmm + "' in interval '" + interval.strip()
                + "', expected HH:mm from 00:00 to 24:00");
    }

    private static String hhmm(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        for (Interval i : sorted) {
            if (i == null) throw new IllegalArgumentException("intervals must not contain null");
        }
        sorted.sort(Comparator.comparingInt(Interval::fromMinute));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && i.fromMinute() <= merged.get(last).toMinute()) {
                Interval prev = merged.get(last);
                merged.set(last, new Interval(prev.fromMinute(), Math.max(prev.toMinute(), i.toMinute())));
            } else {
                merged.add(i);
            }
        }
        return List.copyOf(merged);
    }

    public ZoneId zone() {
        return zone;
    }

    public HolidayCalendar calendar() {
        return calendar;
    }

    /** True for the 24/7 schedule. */
    public boolean isAlways() {
        return always;
    }

    /** The weekly schedule, every weekday present (closed days map to an empty list). */
    public Map<DayOfWeek, List<Interval>> week() {
        return week;
    }

    /** This schedule with another holiday calendar. */
    public ServiceHours withCalendar(HolidayCalendar calendar) {
        return always ? this : new ServiceHours(week, false, zone, calendar);
    }

    /**
     * The open intervals on a date: none on a holiday, Monday's on a make-up working day, else its weekday's
     * (every day's on the 24/7 schedule).
     */
    public List<Interval> intervalsOn(LocalDate date) {
        if (date == null) throw new IllegalArgumentException("date is required");
        if (always) return week.get(date.getDayOfWeek());
        if (calendar.isHoliday(date)) return List.of();
        if (calendar.isMakeUpWorkingDay(date)) return week.get(DayOfWeek.MONDAY);
        return week.get(date.getDayOfWeek());
    }

    /** True when the service is staffed at that instant. */
    public boolean isOpen(Instant at) {
        if (at == null) throw new IllegalArgumentException("instant is required");
        if (always) return true;
        ZonedDateTime local = at.atZone(zone);
        int second = local.toLocalTime().toSecondOfDay();
        for (Interval i : intervalsOn(local.toLocalDate())) {
            if (i.containsSecondOfDay(second)) return true;
        }
        return false;
    }

    /**
     * When the service next opens: {@code at} itself when open now, else the start of the next open interval,
     * looking at most {@link #MAX_SEARCH_DAYS} days ahead; empty when none is found.
     */
    public Optional<Instant> nextOpening(Instant at) {
        if (isOpen(at)) return Optional.of(at);
        LocalDate first = at.atZone(zone).toLocalDate();
        for (int day = 0; day <= MAX_SEARCH_DAYS; day++) {
            LocalDate date = first.plusDays(day);
            for (Interval i : intervalsOn(date)) {
                Instant opening = ZonedDateTime.of(date, i.from(), zone).toInstant();
                if (opening.isAfter(at)) return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    /** How long until the service next opens: zero when open, empty when not within the search horizon. */
    public Optional<Duration> untilOpening(Instant at) {
        return nextOpening(at).map(opening -> Duration.between(at, opening));
    }

    @Override
    public String toString() {
        if (always) return "always";
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<DayOfWeek, List<Interval>> e : week.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            if (sb.length() > 0) sb.append("; ");
            sb.append(DAY_NAMES[e.getKey().getValue() - 1]).append(' ');
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(e.getValue().get(i));
            }
        }
        return sb.length() == 0 ? "closed" : sb.toString();
    }
}
