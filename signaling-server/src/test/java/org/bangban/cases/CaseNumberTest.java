package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseNumberTest {
    @Test
    void formatsTheDayAndASixDigitCounter() {
        assertThat(new CaseNumber(LocalDate.of(2026, 11, 26), 123).value()).isEqualTo("BB-20261126-000123");
        assertThat(new CaseNumber(LocalDate.of(2026, 1, 2), 999_999).toString()).isEqualTo("BB-20260102-999999");
        assertThat(CaseNumber.dayKey(LocalDate.of(2026, 3, 4))).isEqualTo("20260304");
    }

    @Test
    void parsesWhatItFormats() {
        CaseNumber n = CaseNumber.parse("BB-20261126-000123");
        assertThat(n.day()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(n.counter()).isEqualTo(123);
        for (int counter : new int[] {1, 9, 10, 99_999, 100_000, 999_999}) {
            CaseNumber m = new CaseNumber(LocalDate.of(2028, 2, 29), counter);
            assertThat(CaseNumber.parse(m.value())).isEqualTo(m);
        }
    }

    @Test
    void refusesAnythingElseWithTheExpectedShapeInTheMessage() {
        for (String bad : new String[] {"", " BB-20261126-000123", "BB-20261126-000123 ", "bb-20261126-000123",
                "BB-2026112-000123", "BB-20261126-00123", "BB-20261126-0001234", "BB-20261126-000000",
                "BB-20261326-000001", "BB-20260230-000001", "BB-20270229-000001", "XX-20261126-000123",
                "BB20261126000123", "BB-20261126-00012a", "BB-２0261126-000123", "BB-20261126-000123\n"}) {
            assertThatThrownBy(() -> CaseNumber.parse(bad)).as(bad).isInstanceOfSatisfying(CaseException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo("invalid");
                        assertThat(e.getMessage()).contains("BB-20261126-000123");
                    });
            assertThat(CaseNumber.isValid(bad)).isFalse();
        }
        assertThatThrownBy(() -> CaseNumber.parse(null)).isInstanceOf(CaseException.class);
        assertThat(CaseNumber.isValid("BB-20261126-000001")).isTrue();
    }

    @Test
    void countersOutsideOneToNineHundredNinetyNineThousandAreRefused() {
        assertThatThrownBy(() -> new CaseNumber(LocalDate.of(2026, 1, 1), 0)).isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> new CaseNumber(LocalDate.of(2026, 1, 1), 1_000_000))
                .isInstanceOf(CaseException.class).hasMessageContaining("999999");
        assertThatThrownBy(() -> new CaseNumber(LocalDate.of(12026, 1, 1), 1)).isInstanceOf(CaseException.class);
    }

    @Test
    void sortsByDayThenCounterLikeTheirText() {
        List<CaseNumber> numbers = new ArrayList<>(List.of(new CaseNumber(LocalDate.of(2026, 11, 27), 1),
                new CaseNumber(LocalDate.of(2026, 11, 26), 10), new CaseNumber(LocalDate.of(2026, 11, 26), 2)));
        Collections.sort(numbers);
        assertThat(numbers).extracting(CaseNumber::value)
                .containsExactly("BB-20261126-000002", "BB-20261126-000010", "BB-20261127-000001")
                .isSorted();
    }
}
