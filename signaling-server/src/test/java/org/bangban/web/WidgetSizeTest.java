package org.bangban.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help button's budget: what a portal page loads before the first click — widget.js alone, since it
 * imports nothing statically — is at most 10 KB gzipped. The rest (widget/app.js and what it imports, the
 * message files, the panel's styles) comes with a dynamic import on demand.
 */
class WidgetSizeTest {
    private static final int BUDGET = 10 * 1024;
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^\\s*(import\\s+[^(]|export\\s+[^;]*\\sfrom\\s)");
    private static final Pattern DYNAMIC_IMPORT = Pattern.compile("import\\((new URL\\('([^']+)'|'([^']+)')");

    @Test
    void theLoaderImportsNothingBeforeTheClickAndStaysWithinTenKilobytesGzipped() throws IOException {
        String loader = WebTestSupport.resource("bangban-web/widget.js");
        assertThat(STATIC_IMPORT.matcher(loader).find()).as("widget.js has no static import: nothing else loads before the click")
                .isFalse();
        int gz = gzipped(loader.getBytes(StandardCharsets.UTF_8));
        assertThat(gz).as("widget.js gzipped (%d bytes raw)", loader.length()).isPositive().isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void whatLoadsOnDemandIsThere() throws IOException {
        String loader = WebTestSupport.resource("bangban-web/widget.js");
        Matcher m = DYNAMIC_IMPORT.matcher(loader);
        assertThat(m.find()).as("widget.js loads the panel with a dynamic import").isTrue();
        String target = m.group(2) != null ? m.group(2) : m.group(3);
        assertThat(target).isEqualTo("./widget/app.js");
        assertThat(WebTestSupport.resource("bangban-web/widget/app.js")).contains("export function createApp");
        assertThat(WebTestSupport.resource("bangban-web/i18n/widget.zh-CN.json")).contains("\"panel.title\"");
        assertThat(WebTestSupport.resource("bangban-web/i18n/widget.en.json")).contains("\"panel.title\"");
    }

    private static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.size();
    }
}
