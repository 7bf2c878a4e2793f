package org.bangban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.bangban.calendar.HolidayCalendar;
import org.bangban.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Working-day deadlines in Asia/Shanghai. Calendar of 2026: 国庆 and 中秋 from Thursday 1 to Wednesday 7 October,
 * with Sunday 20 September and Saturday 10 October worked instead (调休).
 */
class WorkingDaysTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HolidayCalendar CAL_2026 = HolidayCalendar.parse("2026-10-01..2026-10-07", "2026-09-20,2026-10-10");
    final WorkingDays days = new WorkingDays(CAL_2026, SHANGHAI);

    /** An instant given as Shanghai local time. */
    static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void oneWorkingDayFromATuesdayEndsAtTheEndOfWednesday() {
        Instant tuesday = at("2026-11-24T15:00");
        assertThat(days.lastDay(tuesday, 1)).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(days.deadline(tuesday, 1)).isEqualTo(at("2026-11-26T00:00"));
    }

    @Test
    void zeroWorkingDaysEndAtTheEndOfTheSameDay() {
        assertThat(days.deadline(at("2026-11-24T09:00"), 0)).isEqualTo(at("2026-11-25T00:00"));
    }

    @Test
    void aFridayRatingIsDueByTheEndOfMondayAcrossTheWeekend() {
        assertThat(days.deadline(at("2026-11-27T23:59"), 1)).isEqualTo(at("2026-12-01T00:00"));
    }

    @Test
    void aSaturdayRatingCountsFromMonday() {
        assertThat(days.lastDay(at("2026-11-28T10:00"), 1)).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(days.lastDay(at("2026-11-28T10:00"), 2)).isEqualTo(LocalDate.parse("2026-12-01"));
    }

    @Test
    void theNationalDayWeekIsSkipped() {
        // Wednesday 30 September: 1 to 7 October are holidays, Thursday 8 October is the first working day
        assertThat(days.deadline(at("2026-09-30T16:00"), 1)).isEqualTo(at("2026-10-09T00:00"));
        // rated during the holiday
        assertThat(days.lastDay(at("2026-10-03T12:00"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDay() {
        // Friday 9 October + 1 = Saturday 10 October, worked instead of a holiday
        assertThat(days.deadline(at("2026-10-09T10:00"), 1)).isEqualTo(at("2026-10-11T00:00"));
        // and the make-up Sunday before the holiday
        assertThat(days.lastDay(at("2026-09-19T10:00"), 1)).isEqualTo(LocalDate.parse("2026-09-20"));
    }

    @Test
    void fifteenWorkingDaysAcrossTheHolidayWeek() {
        // from Monday 28 Sept: 29, 30 Sept (2), 8, 9, 10 (Sat, make-up), 12–16 (10), 19–23 (15) → Friday 23 Oct
        assertThat(days.lastDay(at("2026-09-28T10:00"), 15)).isEqualTo(LocalDate.parse("2026-10-23"));
        // without holidays it would be Monday 19 October
        assertThat(new WorkingDays(HolidayCalendar.none(), SHANGHAI).lastDay(at("2026-09-28T10:00"), 15))
                .isEqualTo(LocalDate.parse("2026-10-19"));
    }

    @Test
    void theDayIsTheServiceZonesDayNotUtcs() {
        // 30 September 17:00 UTC is 1 October 01:00 in Shanghai: a holiday, so the deadline is the end of 8 October
        Instant utcEvening = Instant.parse("2026-09-30T17:00:00Z");
        assertThat(days.dateOf(utcEvening)).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(days.deadline(utcEvening, 1)).isEqualTo(Instant.parse("2026-10-08T16:00:00Z"));
    }

    @Test
    void builtFromTheServiceCalendarKeys() {
        WorkingDays fromConfig = WorkingDays.from(Config.of(Map.of("service.holidays", "2026-10-01..2026-10-07",
                "service.workdays", "2026-10-10", "service.zone", "Asia/Shanghai")));
        assertThat(fromConfig.zone()).isEqualTo(SHANGHAI);
        assertThat(fromConfig.lastDay(at("2026-09-30T10:00"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
        assertThatThrownBy(() -> WorkingDays.from(Config.of(Map.of("service.zone", "Mars/Olympus"))))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("service.zone");
    }

    @Test
    void negativeWorkingDaysAreRefused() {
        assertThatThrownBy(() -> days.deadline(at("2026-11-24T10:00"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
