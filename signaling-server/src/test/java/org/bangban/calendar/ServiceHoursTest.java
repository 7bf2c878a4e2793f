package org.bangban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.bangban.calendar.ServiceHours.Interval;
import org.junit.jupiter.api.Test;

class ServiceHoursTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String OFFICE = "MON-FRI 09:00-12:00,13:30-17:30; SAT 09:00-12:00";
    private static final ServiceHours HOURS = ServiceHours.parse(OFFICE, SHANGHAI, HolidayCalendarTest.GOLDEN_WEEK);

    /** A local date-time in Shanghai as an instant. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void openWithinTheIntervalsStartInclusiveEndExclusive() {
        // Monday 14 September 2026
        assertThat(HOURS.isOpen(at("2026-09-14T08:59:59"))).isFalse();
        assertThat(HOURS.isOpen(at("2026-09-14T09:00:00"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-09-14T11:59:59"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-09-14T12:00:00"))).isFalse();
        assertThat(HOURS.isOpen(at("2026-09-14T13:30:00"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-09-14T17:29:59"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-09-14T17:30:00"))).isFalse();
        // Saturday morning only, Sunday closed
        assertThat(HOURS.isOpen(at("2026-09-19T10:00:00"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-09-19T14:00:00"))).isFalse();
        assertThat(HOURS.isOpen(at("2026-09-20T10:00:00"))).isFalse();
    }

    @Test
    void theDefaultZoneIsShanghai() {
        ServiceHours h = ServiceHours.parse("MON-FRI 09:00-17:00");
        assertThat(h.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(h.isOpen(Instant.parse("2026-09-14T01:00:00Z"))).isTrue(); // 09:00 in Shanghai
        assertThat(h.isOpen(Instant.parse("2026-09-14T00:59:59Z"))).isFalse();
    }

    @Test
    void aHolidayIsClosedEvenOnAWeekday() {
        assertThat(HOURS.isOpen(at("2026-10-01T10:00:00"))).isFalse(); // Thursday
        assertThat(HOURS.isOpen(at("2026-10-03T10:00:00"))).isFalse(); // Saturday, holiday
        assertThat(HOURS.intervalsOn(java.time.LocalDate.parse("2026-10-05"))).isEmpty();
    }

    @Test
    void aMakeUpWorkingDayKeepsMondayHours() {
        // Saturday 10 October: Monday's schedule, so the afternoon is open too
        assertThat(HOURS.isOpen(at("2026-10-10T10:00:00"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-10-10T14:00:00"))).isTrue();
        assertThat(HOURS.isOpen(at("2026-10-10T12:30:00"))).isFalse();
        // Sunday 27 September, likewise
        assertThat(HOURS.isOpen(at("2026-09-27T16:00:00"))).isTrue();
    }

    @Test
    void nextOpeningSkipsTheHolidayWeek() {
        // Wednesday 30 September after closing: 1–8 October are holidays; Friday 9 October opens
        assertThat(HOURS.nextOpening(at("2026-09-30T18:00:00"))).contains(at("2026-10-09T09:00:00"));
        // Friday 9 October after closing: the make-up Saturday opens at 09:00
        assertThat(HOURS.nextOpening(at("2026-10-09T17:30:00"))).contains(at("2026-10-10T09:00:00"));
        // lunch break: this afternoon
        assertThat(HOURS.nextOpening(at("2026-09-14T12:15:00"))).contains(at("2026-09-14T13:30:00"));
        // Saturday noon: Monday morning (Sunday closed)
        assertThat(HOURS.nextOpening(at("2026-09-19T12:00:00"))).contains(at("2026-09-21T09:00:00"));
        assertThat(HOURS.untilOpening(at("2026-09-14T12:15:00"))).contains(Duration.ofMinutes(75));
    }

    @Test
    void nextOpeningWhileOpenIsNow() {
        Instant now = at("2026-09-14T10:00:00");
        assertThat(HOURS.nextOpening(now)).contains(now);
        assertThat(HOURS.untilOpening(now)).contains(Duration.ZERO);
    }

    @Test
    void nextOpeningLooksAtMostSixtyDaysAhead() {
        HolidayCalendar longClosure = HolidayCalendar.parse("2026-01-01..2026-04-30", "");
        ServiceHours h = ServiceHours.parse("MON-FRI 09:00-17:00", SHANGHAI, longClosure);
        assertThat(h.nextOpening(at("2026-01-01T00:00:00"))).isEmpty();
        assertThat(h.nextOpening(at("2026-04-01T00:00:00"))).contains(at("2026-05-01T09:00:00")); // a Friday
    }

    @Test
    void alwaysIsOpenAroundTheClockHolidaysIncluded() {
        ServiceHours always = ServiceHours.parse(" Always ", SHANGHAI, HolidayCalendarTest.GOLDEN_WEEK);
        assertThat(always.isAlways()).isTrue();
        assertThat(always.isOpen(at("2026-10-01T03:00:00"))).isTrue();
        assertThat(always.nextOpening(at("2026-10-01T03:00:00"))).contains(at("2026-10-01T03:00:00"));
        assertThat(ServiceHours.always().isOpen(at("2026-09-20T23:59:59"))).isTrue();
        assertThat(always).hasToString("always");
    }

    @Test
    void parsesDayListsRangesLowerCaseAndEndOfDay() {
        ServiceHours h = ServiceHours.parse("mon,wed 08:30-12:00 ; SAT-SUN 00:00-24:00");
        assertThat(h.week().get(DayOfWeek.MONDAY)).containsExactly(new Interval(8 * 60 + 30, 12 * 60));
        assertThat(h.week().get(DayOfWeek.TUESDAY)).isEmpty();
        assertThat(h.week().get(DayOfWeek.WEDNESDAY)).hasSize(1);
        assertThat(h.isOpen(at("2026-09-20T23:59:59"))).isTrue(); // Sunday
        assertThat(h.isOpen(at("2026-09-21T00:00:00"))).isFalse(); // Monday
        assertThat(h).hasToString("MON 08:30-12:00; WED 08:30-12:00; SAT 00:00-24:00; SUN 00:00-24:00");
    }

    @Test
    void clausesForTheSameDayAddUpAndOverlapsMerge() {
        ServiceHours h = ServiceHours.parse("MON 09:00-12:00; MON 11:00-13:00, 15:00-16:00");
        assertThat(h.week().get(DayOfWeek.MONDAY)).extracting(Interval::toString)
                .containsExactly("09:00-13:00", "15:00-16:00");
    }

    @Test
    void rejectsMalformedSchedules() {
        assertBad("", "empty");
        assertBad("MON-FRI", "expected days then intervals");
        assertBad("09:00-17:00", "expected days then intervals");
        assertBad("FRI-MON 09:00-17:00", "week order");
        assertBad("XYZ 09:00-17:00", "unknown day 'XYZ'");
        assertBad("MON 12:00-09:00", "start before it ends");
        assertBad("MON 09:00-25:00", "bad time '25:00'");
        assertBad("MON 9h-17h", "bad time");
        assertBad("MON 09:00", "expected HH:mm-HH:mm");
    }

    private static void assertBad(String spec, String message) {
        assertThatThrownBy(() -> ServiceHours.parse(spec)).as(spec)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aMissingDayIsClosed() {
        ServiceHours h = ServiceHours.parse("MON 09:00-10:00");
        assertThat(h.isOpen(at("2026-09-15T09:30:00"))).isFalse(); // Tuesday
        assertThat(h.nextOpening(at("2026-09-15T09:30:00"))).isEqualTo(Optional.of(at("2026-09-21T09:00:00")));
    }
}
