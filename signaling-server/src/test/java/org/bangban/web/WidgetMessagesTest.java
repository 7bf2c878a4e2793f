package org.bangban.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangban.evaluation.RatingTag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every string of the widget is in its message files, in both languages, with the same placeholders. */
class WidgetMessagesTest {
    private static final List<String> MODULES = List.of("app.js", "flow.js", "call-view.js", "call.js", "chat.js", "rating.js");
    /** t('key') and m.t('key') calls, and keys chosen in a ternary: t(cond ? 'a' : 'b'). */
    private static final Pattern KEY = Pattern.compile(
            "\\bt\\((?:[^()']*\\?\\s*)?'([a-zA-Z_.]+)'(?!\\s*\\+)(?:\\s*:\\s*'([a-zA-Z_.]+)')?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void everyKeyTheWidgetUsesIsInBothLanguages() throws IOException {
        Set<String> zh = keys(json("widget.zh-CN.json"));
        Set<String> en = keys(json("widget.en.json"));
        assertThat(en).as("the same keys in English as in Chinese").isEqualTo(zh);
        Set<String> used = new TreeSet<>();
        for (String module : MODULES) {
            Matcher m = KEY.matcher(WebTestSupport.resource("bangban-web/widget/" + module));
            while (m.find()) {
                used.add(m.group(1));
                if (m.group(2) != null) used.add(m.group(2));
            }
        }
        assertThat(used).hasSizeGreaterThan(60);
        // keys made at run time: the five levels, the server's rating tags, green-channel reasons, refusal reasons
        for (int level = 1; level <= 5; level++) used.add("rating.level" + level);
        for (RatingTag tag : RatingTag.values()) used.add("tag." + tag.code());
        for (String g : List.of("elderly", "disability", "key_project")) used.add("green." + g);
        for (String r : List.of("OUTSIDE_HOURS", "QUEUE_FULL", "NOBODY_ELIGIBLE", "APPLICANT_CHOICE")) used.add("callback." + r);
        assertThat(zh).as("keys used in the widget's code").containsAll(used);
    }

    @Test
    void theRatingOffersExactlyTheServersTags() throws IOException {
        Matcher m = Pattern.compile("TAGS = \\[([^\\]]*)]").matcher(WebTestSupport.resource("bangban-web/widget/rating.js"));
        assertThat(m.find()).isTrue();
        Set<String> offered = new TreeSet<>();
        Matcher code = Pattern.compile("'([a-z_]+)'").matcher(m.group(1));
        while (code.find()) offered.add(code.group(1));
        Set<String> server = new TreeSet<>();
        for (RatingTag tag : RatingTag.values()) server.add(tag.code());
        assertThat(offered).isEqualTo(server);
    }

    @Test
    void bothLanguagesFillTheSamePlaceholders() throws IOException {
        JsonNode zh = json("widget.zh-CN.json");
        JsonNode en = json("widget.en.json");
        for (String key : keys(zh)) {
            assertThat(placeholders(en.path(key).asText())).as(key).isEqualTo(placeholders(zh.path(key).asText()));
            assertThat(zh.path(key).asText()).as(key).isNotBlank();
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private static JsonNode json(String name) throws IOException {
        return new ObjectMapper().readTree(WebTestSupport.resource("bangban-web/i18n/" + name));
    }
}
