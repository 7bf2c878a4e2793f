package org.bangban.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void worksWithNothingSetAndTheEnvironmentOverridesTheFile() throws Exception {
        Config none = Config.load(Map.of("BANGBAN_CONFIG", ""));
        assertThat(none.integer("http.port")).isEqualTo(8080);
        assertThat(none.integer("relay.port")).isEqualTo(10000);
        assertThat(none.string("data.dir")).isEqualTo("./data");
        assertThat(none.optional("redis.url")).isNull();
        assertThat(none.demo()).isTrue();

        Path file = dir.resolve("bangban.properties");
        Files.writeString(file, "http.port=9090\npairing.offer.timeout=PT15S\n");
        Config c = Config.load(Map.of("BANGBAN_CONFIG", file.toString(), "BANGBAN_HTTP_PORT", "9191"));
        assertThat(c.integer("http.port")).isEqualTo(9191);
        assertThat(c.duration("pairing.offer.timeout")).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.source()).contains("environment");
    }

    @Test
    void demoIsRefusedOnProductionAndOffByDefaultThere() {
        assertThat(Config.of(Map.of("redis.url", "redis://127.0.0.1:6379")).demo()).isFalse();
        assertThatThrownBy(() -> Config.of(Map.of("profile", "production", "demo", "true")).demo())
                .hasMessageContaining("refused on a production configuration");
    }

    @Test
    void badValuesAndUnknownKeysSayWhatToFix() throws Exception {
        assertThatThrownBy(() -> Config.of(Map.of("http.port", "eighty")).integer("http.port"))
                .hasMessageContaining("BANGBAN_HTTP_PORT").hasMessageContaining("whole number");
        assertThatThrownBy(() -> Config.of(Map.of("no.such", "1"))).hasMessageContaining("unknown configuration key");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "htp.port=1\n");
        assertThatThrownBy(() -> Config.load(Map.of("BANGBAN_CONFIG", file.toString()))).hasMessageContaining("htp.port");
        assertThatThrownBy(() -> Config.load(Map.of("BANGBAN_CONFIG", dir.resolve("missing").toString())))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> Config.of(Map.of("pairing.wrapup", "soon")).duration("pairing.wrapup"))
                .hasMessageContaining("duration");
    }
}
