package org.bangban.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {
    @Test
    void asciiNamesStayReadableAndChineseNamesArePercentEncodedAsUtf8() {
        assertThat(ContentDisposition.attachment("mandate.pdf"))
                .isEqualTo("attachment; filename=\"mandate.pdf\"; filename*=UTF-8''mandate.pdf");
        String h = ContentDisposition.attachment("委托书 2026.pdf");
        assertThat(h).isEqualTo("attachment; filename=\"___ 2026.pdf\"; filename*=UTF-8''%E5%A7%94%E6%89%98%E4%B9%A6%202026.pdf");
        String encoded = h.substring(h.indexOf("UTF-8''") + 7);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("委托书 2026.pdf");
    }

    @Test
    void quotesBackslashesAndPercentSignsCannotBreakTheHeader() {
        String h = ContentDisposition.attachment("a\"b\\c%d;e.pdf");
        assertThat(h).startsWith("attachment; filename=\"a_b_c_d;e.pdf\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.pdf");
    }
}
