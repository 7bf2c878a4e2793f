package org.bangban.pointer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PointerMarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode pts(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void pointsStrokesAndClearsAreRead() throws Exception {
        PointerMark p = PointerMark.parse("POINT", null, null, pts("[[0,1]]"));
        assertThat(p.op()).isEqualTo("point");
        assertThat(p.points().get(0)).containsExactly(0.0, 1.0);
        PointerMark s = PointerMark.parse("stroke", "a_1-B", "#00ff7F", pts("[[0.1,0.2],[0.3,0.4],[0.5,0.6]]"));
        assertThat(s.strokeId()).isEqualTo("a_1-B");
        assertThat(s.points()).hasSize(3);
        PointerMark c = PointerMark.parse("clear", "ignored", null, null);
        assertThat(c.points()).isEmpty();
        assertThat(c.strokeId()).isNull();
    }

    @Test
    void badMarksAreRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> PointerMark.parse("draw", null, null, pts("[[0,0]]"))).hasMessageContaining("'op'");
        assertThatThrownBy(() -> PointerMark.parse("point", null, "red", pts("[[0,0]]"))).hasMessageContaining("'color'");
        assertThatThrownBy(() -> PointerMark.parse("stroke", null, null, pts("[[0,0]]"))).hasMessageContaining("'strokeId'");
        assertThatThrownBy(() -> PointerMark.parse("stroke", "x".repeat(33), null, pts("[[0,0]]"))).hasMessageContaining("'strokeId'");
        assertThatThrownBy(() -> PointerMark.parse("stroke", "s<", null, pts("[[0,0]]"))).hasMessageContaining("'strokeId'");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, null)).hasMessageContaining("'points'");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("[]"))).hasMessageContaining("'points'");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("[[0,0],[1,1]]"))).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("[[0,\"a\"]]"))).hasMessageContaining("[x, y]");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("[[0]]"))).hasMessageContaining("[x, y]");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("[[-0.01,0]]"))).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> PointerMark.parse("point", null, null, pts("{\"x\":1}"))).hasMessageContaining("'points'");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= PointerMark.MAX_POINTS; i++) many.append(i == 0 ? "" : ",").append("[0.5,0.5]");
        assertThatThrownBy(() -> PointerMark.parse("stroke", "s", null, pts(many + "]"))).hasMessageContaining("at most 256");
    }
}
