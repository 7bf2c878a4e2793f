package org.bangban.bench.media.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration folder the harness writes for Janus (no Janus process here: CI has none). */
class JanusConfigTest {

    private static Path libraries(Path root) throws Exception {
        Path lib = root.resolve("lib");
        for (String f : new String[] {"plugins/libjanus_echotest.so", "plugins/libjanus_streaming.so",
                "plugins/libjanus_videoroom.so", "plugins/libjanus_echotest.so.1", "transports/libjanus_http.so",
                "transports/libjanus_websockets.so", "transports/libjanus_pfunix.so", "loggers/libjanus_jsonlog.so",
                "events/libjanus_sampleevh.so"}) {
            Files.createDirectories(lib.resolve(f).getParent());
            Files.createFile(lib.resolve(f));
        }
        return lib;
    }

    @Test
    void onlyEchoTestAndHttpStayEnabled(@TempDir Path root) throws Exception {
        Path lib = libraries(root);
        assertThat(Janus.disabled(lib.resolve("plugins"), Janus.ECHOTEST))
                .isEqualTo("libjanus_streaming.so,libjanus_videoroom.so");
        assertThat(Janus.disabled(lib.resolve("transports"), Janus.HTTP))
                .isEqualTo("libjanus_pfunix.so,libjanus_websockets.so");
        assertThat(Janus.disabled(lib.resolve("loggers"), null)).isEqualTo("libjanus_jsonlog.so");
        assertThat(Janus.disabled(root.resolve("missing"), null)).isEmpty();
    }

    @Test
    void writesHttpOnLoopbackAndDisablesTheRest(@TempDir Path root) throws Exception {
        Path lib = libraries(root);
        Path conf = Files.createDirectories(root.resolve("conf"));
        Janus.writeConfig(conf, lib, 18_088, InetAddress.getLoopbackAddress(), 2);

        String http = Files.readString(conf.resolve("janus.transport.http.jcfg"));
        assertThat(http).contains("port = 18088", "ip = \"127.0.0.1\"", "http = true", "https = false",
                "admin_http = false");
        String main = Files.readString(conf.resolve("janus.jcfg"));
        assertThat(main).contains("configs_folder = \"" + conf + "\"", "plugins_folder = \"" + lib.resolve("plugins"),
                "disable = \"libjanus_streaming.so,libjanus_videoroom.so\"",
                "disable = \"libjanus_pfunix.so,libjanus_websockets.so\"", "disable = \"libjanus_jsonlog.so\"",
                "disable = \"libjanus_sampleevh.so\"", "event_loops = 2", "broadcast = false");
        assertThat(main).doesNotContain("stun_server", "turn_server", "/etc/janus");
        assertThat(conf.resolve("janus.plugin.echotest.jcfg")).exists();

        Janus.writeConfig(conf, lib, 18_088, InetAddress.getLoopbackAddress(), 0);
        assertThat(Files.readString(conf.resolve("janus.jcfg"))).as("0: Janus's own default")
                .doesNotContain("event_loops");
    }
}
