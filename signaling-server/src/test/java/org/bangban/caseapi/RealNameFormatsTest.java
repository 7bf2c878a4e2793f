package org.bangban.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RealNameFormatsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void wellFormedIdNumbersPassWithDigitOrXCheckCharacter() {
        assertThat(RealNameFormats.idNumberProblem("11010519491231002X", TODAY)).isNull();
        assertThat(RealNameFormats.idNumberProblem("11010519491231002x", TODAY)).isNull();
        assertThat(RealNameFormats.idNumberProblem("110101198001010010", TODAY)).isNull();
        assertThat(RealNameFormats.idNumberProblem(" 4403 0419 9003 07123X ", TODAY)).isNull();
        assertThat(RealNameFormats.normaliseIdNumber("11010519491231002x")).isEqualTo("11010519491231002X");
    }

    @Test
    void aMistypedDigitBreaksTheChecksum() {
        assertThat(RealNameFormats.idNumberProblem("110105194912310021", TODAY)).contains("check character");
        assertThat(RealNameFormats.idNumberProblem("11010519491231003X", TODAY)).contains("check character");
        assertThat(RealNameFormats.idNumberProblem("110101198001010011", TODAY)).contains("check character");
    }

    @Test
    void wrongShapesAndDatesAreRefused() {
        assertThat(RealNameFormats.idNumberProblem("1101051949123100", TODAY)).contains("18 characters");
        assertThat(RealNameFormats.idNumberProblem("01010519491231002X", TODAY)).contains("18 characters");
        assertThat(RealNameFormats.idNumberProblem("1101051949123100XX", TODAY)).contains("18 characters");
        assertThat(RealNameFormats.idNumberProblem("110105194913310020", TODAY)).contains("not a real date");
        assertThat(RealNameFormats.idNumberProblem("110105203001010010", TODAY)).contains("not possible");
        assertThat(RealNameFormats.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void phonesAreMobileOrLandlineWithAreaCode() {
        assertThat(RealNameFormats.phoneProblem("13812345678")).isNull();
        assertThat(RealNameFormats.phoneProblem("199 1234 5678")).isNull();
        assertThat(RealNameFormats.phoneProblem("010-62345678")).isNull();
        assertThat(RealNameFormats.phoneProblem("0755-2345678")).isNull();
        assertThat(RealNameFormats.phoneProblem("12812345678")).isNotNull();
        assertThat(RealNameFormats.phoneProblem("1381234567")).isNotNull();
        assertThat(RealNameFormats.phoneProblem("abc")).isNotNull();
        assertThat(RealNameFormats.phoneProblem("12345678")).isNotNull();
        assertThat(RealNameFormats.phoneProblem("0755-1234567")).isNotNull();
    }
}
