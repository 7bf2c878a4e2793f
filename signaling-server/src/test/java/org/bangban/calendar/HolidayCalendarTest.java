package org.bangban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Uses an invented calendar shaped like a Chinese National Day holiday (not the official one): Thursday 1 to
 * Thursday 8 October 2026 off, with Sunday 27 September and Saturday 10 October as make-up working days (调休).
 */
class HolidayCalendarTest {
    static final HolidayCalendar GOLDEN_WEEK = HolidayCalendar.parse("2026-10-01..2026-10-08",
            "2026-09-27, 2026-10-10");

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void withoutHolidaysMondayToFridayAreWorkingDays() {
        HolidayCalendar none = HolidayCalendar.none();
        assertThat(none.isWorkingDay(d("2026-09-25"))).isTrue(); // Friday
        assertThat(none.isWorkingDay(d("2026-09-26"))).isFalse(); // Saturday
        assertThat(none.isWorkingDay(d("2026-09-27"))).isFalse(); // Sunday
        assertThat(none.isWorkingDay(d("2026-09-28"))).isTrue(); // Monday
    }

    @Test
    void aHolidayIsClosedEvenOnAWeekday() {
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-01"))).isFalse(); // Thursday
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-05"))).isFalse(); // Monday
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-03"))).isFalse(); // Saturday, holiday anyway
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-09"))).isTrue(); // Friday after
        assertThat(GOLDEN_WEEK.isHoliday(d("2026-10-08"))).isTrue();
    }

    @Test
    void aMakeUpDayIsAWorkingWeekendDay() {
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-09-27"))).isTrue(); // Sunday
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-10"))).isTrue(); // Saturday
        assertThat(GOLDEN_WEEK.isWorkingDay(d("2026-10-11"))).isFalse(); // Sunday, ordinary
        assertThat(GOLDEN_WEEK.isMakeUpWorkingDay(d("2026-10-10"))).isTrue();
    }

    @Test
    void plusWorkingDaysSkipsWeekendsAndHolidaysAndCountsMakeUpDays() {
        LocalDate wednesdayBefore = d("2026-09-30");
        assertThat(GOLDEN_WEEK.plusWorkingDays(wednesdayBefore, 0)).isEqualTo(wednesdayBefore);
        assertThat(GOLDEN_WEEK.plusWorkingDays(wednesdayBefore, 1)).isEqualTo(d("2026-10-09"));
        assertThat(GOLDEN_WEEK.plusWorkingDays(wednesdayBefore, 2)).isEqualTo(d("2026-10-10"));
        assertThat(GOLDEN_WEEK.plusWorkingDays(wednesdayBefore, 3)).isEqualTo(d("2026-10-12"));
        assertThat(GOLDEN_WEEK.plusWorkingDays(d("2026-09-25"), 1)).isEqualTo(d("2026-09-27"));
        // a 5-working-day rectification deadline from Friday 11 September, no holidays in between
        assertThat(GOLDEN_WEEK.plusWorkingDays(d("2026-09-11"), 5)).isEqualTo(d("2026-09-18"));
        // from a holiday: the next working days after it
        assertThat(GOLDEN_WEEK.plusWorkingDays(d("2026-10-03"), 1)).isEqualTo(d("2026-10-09"));
    }

    @Test
    void parsesListsRangesSpacesAndBlanks() {
        HolidayCalendar c = HolidayCalendar.parse(" 2026-05-01 ,2026-05-04..2026-05-05,, ", "  ");
        assertThat(c.holidays()).containsExactlyInAnyOrder(d("2026-05-01"), d("2026-05-04"), d("2026-05-05"));
        assertThat(c.makeUpWorkingDays()).isEmpty();
        assertThat(HolidayCalendar.parse(null, null)).isEqualTo(HolidayCalendar.none());
        assertThat(HolidayCalendar.parse("2026-10-01,2026-10-02", "2026-10-11").makeUpWorkingDays())
                .containsExactly(d("2026-10-11"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> HolidayCalendar.parse("2026-13-01", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad date in holidays: '2026-13-01'");
        assertThatThrownBy(() -> HolidayCalendar.parse("2026-10-07..2026-10-01", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> HolidayCalendar.parse("", "2026-10-09"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Saturday or Sunday");
        assertThatThrownBy(() -> new HolidayCalendar(Set.of(d("2026-10-10")), Set.of(d("2026-10-10"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both a holiday");
        assertThatThrownBy(() -> GOLDEN_WEEK.plusWorkingDays(d("2026-10-01"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workingDays");
    }
}
