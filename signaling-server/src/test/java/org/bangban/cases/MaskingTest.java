package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void idNumbersKeepTheFirstThreeAndLastFour() {
        assertThat(Masking.idNumber("110101199003071234")).isEqualTo("110***********1234");
        assertThat(Masking.idNumber("11010119900307123X")).isEqualTo("110***********123X");
        assertThat(Masking.idNumber("110101900307123")).isEqualTo("110********7123"); // old 15-digit
        assertThat(Masking.idNumber("E12345678")).isEqualTo("E*******8"); // a passport: too short for 3 + 4
        assertThat(Masking.idNumber("ABC")).isEqualTo("***");
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void mobilesKeepThreeAndFourOtherNumbersTheLastFourDigits() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("010-87654321")).isEqualTo("***-****4321");
        assertThat(Masking.phone("+86 138 1234 5678")).isEqualTo("+** *** **** 5678");
        assertThat(Masking.phone("1234")).isEqualTo("****");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void namesKeepTheSurnameIncludingCompoundOnes() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧阳**");
        assertThat(Masking.name("欧阳锋")).isEqualTo("欧阳*");
        assertThat(Masking.name("欧阳")).isEqualTo("欧*"); // two characters: 欧 is the surname
        assertThat(Masking.name("王")).isEqualTo("*");
        assertThat(Masking.name("John Smith")).isEqualTo("J*********");
        assertThat(Masking.name("𠀀𠀁")).isEqualTo("𠀀*"); // a character outside the BMP is one character
        assertThat(Masking.name(null)).isNull();
    }

    @Test
    void realNameMasksItselfEvenInToStringAndRefusesOverlongValues() {
        RealName rn = new RealName(" 张三 ", "110101 19900307123x", "13812345678");
        assertThat(rn.idNumber()).isEqualTo("11010119900307123X");
        assertThat(rn.masked()).isEqualTo(new MaskedRealName("张*", "110***********123X", "138****5678"));
        assertThat(rn.toString()).doesNotContain("张三").doesNotContain("13812345678").doesNotContain("0307");
        assertThat(new RealName(" ", null, "").isEmpty()).isTrue();
        assertThatThrownBy(() -> new RealName("x".repeat(101), null, null)).isInstanceOf(CaseException.class);
    }
}
