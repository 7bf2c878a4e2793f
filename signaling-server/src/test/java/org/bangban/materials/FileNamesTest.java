package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void aPlainNameOfTheRightTypeIsKept() {
        assertThat(FileNames.sanitise("营业执照 副本.pdf", MaterialType.PDF)).isEqualTo("营业执照 副本.pdf");
        assertThat(FileNames.sanitise("IMG_0001.JPEG", MaterialType.JPEG)).isEqualTo("IMG_0001.JPEG");
        assertThat(FileNames.sanitise("photo.jpg", MaterialType.JPEG)).isEqualTo("photo.jpg");
    }

    @Test
    void pathsAreDroppedWhateverTheSeparator() {
        assertThat(FileNames.sanitise("../../etc/passwd.pdf", MaterialType.PDF)).isEqualTo("passwd.pdf");
        assertThat(FileNames.sanitise("C:\\Users\\张三\\Desktop\\身份证.png", MaterialType.PNG)).isEqualTo("身份证.png");
        assertThat(FileNames.sanitise("dir/", MaterialType.PDF)).isEqualTo("material.pdf");
    }

    @Test
    void controlAndBidiCharactersAreRemovedSoNoNameCanHideItsEnd() {
        assertThat(FileNames.sanitise("a\u0000b\r\nc\u0007.pdf", MaterialType.PDF)).isEqualTo("abc.pdf");
        // "invoice\u202Efdp.exe" displays as "invoiceexe.pdf"
        assertThat(FileNames.sanitise("invoice\u202Efdp.exe", MaterialType.PDF)).isEqualTo("invoicefdp.exe.pdf");
        assertThat(FileNames.sanitise("x\u200B\u2028y.png", MaterialType.PNG)).isEqualTo("xy.png");
    }

    @Test
    void reservedCharactersBecomeUnderscoresAndBlanksCollapse() {
        assertThat(FileNames.sanitise("a<b>c:d\"e|f?g*h.pdf", MaterialType.PDF)).isEqualTo("a_b_c_d_e_f_g_h.pdf");
        assertThat(FileNames.sanitise("  two   \t spaces  .pdf", MaterialType.PDF)).isEqualTo("two spaces.pdf");
    }

    @Test
    void leadingAndTrailingDotsGoSoNothingIsHiddenOrRelative() {
        assertThat(FileNames.sanitise(".hidden.pdf", MaterialType.PDF)).isEqualTo("hidden.pdf");
        assertThat(FileNames.sanitise("..", MaterialType.PDF)).isEqualTo("material.pdf");
        assertThat(FileNames.sanitise("report.pdf...", MaterialType.PDF)).isEqualTo("report.pdf");
    }

    @Test
    void theSniffedTypesExtensionIsAppendedWhenTheGivenOneDisagrees() {
        assertThat(FileNames.sanitise("scan.pdf", MaterialType.JPEG)).isEqualTo("scan.pdf.jpg");
        assertThat(FileNames.sanitise("contract", MaterialType.OFD)).isEqualTo("contract.ofd");
        assertThat(FileNames.sanitise("setup.exe", MaterialType.PDF)).isEqualTo("setup.exe.pdf");
    }

    @Test
    void nothingUsableLeftGivesAFallbackName() {
        assertThat(FileNames.sanitise(null, MaterialType.PNG)).isEqualTo("material.png");
        assertThat(FileNames.sanitise("", MaterialType.PDF)).isEqualTo("material.pdf");
        assertThat(FileNames.sanitise("\u0001\u0002", MaterialType.PDF)).isEqualTo("material.pdf");
        assertThat(FileNames.sanitise(".pdf", MaterialType.PDF)).isEqualTo("pdf.pdf");
    }

    @Test
    void windowsDeviceNamesAreDefused() {
        assertThat(FileNames.sanitise("CON.pdf", MaterialType.PDF)).isEqualTo("_CON.pdf");
        assertThat(FileNames.sanitise("nul.tar.pdf", MaterialType.PDF)).isEqualTo("_nul.tar.pdf");
        assertThat(FileNames.sanitise("console.pdf", MaterialType.PDF)).isEqualTo("console.pdf");
    }

    @Test
    void longNamesAreCutByCharactersKeepingTheExtensionAndWholeCharacters() {
        String name = FileNames.sanitise("长".repeat(300) + ".pdf", MaterialType.PDF);
        assertThat(name.codePointCount(0, name.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(name).endsWith("长.pdf");

        String emoji = "\uD83D\uDCC4"; // one character, two UTF-16 units
        String cut = FileNames.sanitise(emoji.repeat(200) + ".png", MaterialType.PNG);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(cut).endsWith(emoji + ".png");
        assertThat(cut.chars().filter(ch -> Character.isSurrogate((char) ch)).count() % 2).isZero();
    }
}
