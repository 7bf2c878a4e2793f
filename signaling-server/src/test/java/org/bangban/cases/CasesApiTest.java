package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The shape of the repository's API: events can only be appended; every write composes. */
class CasesApiTest {
    private static final List<String> WRITES = List.of("open", "apply", "append", "addHelper", "transfer",
            "revealRealName");

    @Test
    void noMethodCanChangeOrRemoveAnEvent() {
        for (Method m : Cases.class.getDeclaredMethods()) {
            String name = m.getName().toLowerCase(Locale.ROOT);
            assertThat(name).as(m.toString())
                    .doesNotContain("update").doesNotContain("delete").doesNotContain("remove")
                    .doesNotContain("edit").doesNotContain("replace").doesNotContain("rewrite")
                    .doesNotContain("truncate").doesNotContain("purge").doesNotContain("set");
        }
        // no SQL of the case log can change an event: no class of the package holds a DELETE or an UPDATE of
        // case_event (the compiled constant strings, where all SQL text ends up)
        for (Class<?> type : List.of(Cases.class, CaseRows.class, CaseReplay.class, CaseWorkflow.class)) {
            String constants = classBytesAsText(type);
            assertThat(constants).as(type.getName()).doesNotContain("DELETE")
                    .doesNotContain("UPDATE case_event").doesNotContain("REPLACE").doesNotContain("TRUNCATE");
        }
        assertThat(classBytesAsText(CaseRows.class)).contains("INSERT INTO case_event (");
        // a CaseEvent is a record: no setters, and its payload accessor hands out a copy (see CaseReplayTest)
        assertThat(CaseEvent.class.isRecord()).isTrue();
    }

    private static String classBytesAsText(Class<?> type) {
        String resource = type.getSimpleName() + ".class";
        try (java.io.InputStream in = type.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPublicWriteHasAVariantTakingTheCallersConnection() {
        for (String write : WRITES) {
            List<Method> variants = Arrays.stream(Cases.class.getMethods()).filter(m -> m.getName().equals(write))
                    .toList();
            assertThat(variants).as(write).hasSize(2);
            assertThat(variants).as(write).anySatisfy(m -> {
                assertThat(m.getParameterTypes()[0]).isEqualTo(java.sql.Connection.class);
                assertThat(m.getExceptionTypes()).contains(java.sql.SQLException.class);
            });
            assertThat(variants).as(write).allSatisfy(m -> assertThat(Modifier.isPublic(m.getModifiers())).isTrue());
        }
    }
}
