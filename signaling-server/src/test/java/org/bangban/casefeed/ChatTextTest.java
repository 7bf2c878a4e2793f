package org.bangban.casefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChatTextTest {
    @Test
    void keepsTextWithNewlinesAndMakesCrLfAnLf() {
        assertThat(ChatText.check("你好\r\n第二行")).isEqualTo("你好\n第二行");
        assertThat(ChatText.check("  padded  ")).isEqualTo("  padded  ");
        assertThat(ChatText.check("字".repeat(2000))).hasSize(2000);
    }

    @Test
    void refusesBlankTooLongAndControlCharacters() {
        assertThatThrownBy(() -> ChatText.check(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> ChatText.check(" \n ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> ChatText.check("x".repeat(2001))).hasMessageContaining("2001");
        assertThatThrownBy(() -> ChatText.check("a\tb")).hasMessageContaining("U+0009");
        assertThatThrownBy(() -> ChatText.check("a\u0000b")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> ChatText.check("a\rb")).hasMessageContaining("U+000D");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(2000); // 4000 UTF-16 units, 2000 characters
        assertThat(ChatText.check(emoji)).isEqualTo(emoji);
    }
}
