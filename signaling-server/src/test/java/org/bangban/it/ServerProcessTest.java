package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's process as an operator runs it: the embedded default with nothing but a data dir and a port
 * set; health, metrics, the API and the pages answer; demo accounts work; SIGTERM drains, tells clients and
 * exits 0.
 */
class ServerProcessTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) process.destroyForcibly();
    }

    @Test
    void theEmbeddedDefaultServesAndDrainsOnSigterm() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.bangban.server.Main");
        pb.environment().put("BANGBAN_HTTP_PORT", "0");
        pb.environment().put("BANGBAN_HTTP_HOST", "127.0.0.1");
        pb.environment().put("BANGBAN_RELAY_PORT", "0");
        pb.environment().put("BANGBAN_RELAY_TCP_PORT", "0");
        pb.environment().put("BANGBAN_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("BANGBAN_CONFIG");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        process = pb.start();
        Pattern ready = Pattern.compile("Bangban is running: http://localhost:(\\d+)/");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        int port = -1;
        long deadline = System.currentTimeMillis() + 60_000;
        while (port < 0 && System.currentTimeMillis() < deadline && process.isAlive()) {
            for (String line : output) {
                Matcher m = ready.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            if (port < 0) java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertThat(port).as("start-up banner; output: " + output).isPositive();
        assertThat(String.join("\n", output)).contains("helper1", "supervisor1", "bangban-demo");

        HttpResponse<String> health = get(port, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ready\"");
        HttpResponse<String> metrics = get(port, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("bangban_ws_connections", "bangban_offers_total", "bangban_pairing_loop_passes_total",
                "bangban_ws_messages_rejected_total", "hikaricp_connections", "jvm_memory_used_bytes", "jetty_threads");
        JsonNode items = new ObjectMapper().readTree(get(port, "/api/items").body());
        assertThat(items.path("items").size()).isEqualTo(8);
        assertThat(get(port, "/").body()).contains("帮办");
        assertThat(get(port, "/api/nothing").statusCode()).isEqualTo(404);

        WsClient helper = new WsClient("helper1", port);
        JsonNode login = helper.call(WsClient.msg("auth.login").put("username", "helper1").put("password", "bangban-demo"));
        assertThat(login.path("role").asText()).isEqualTo("helper");
        assertThat(login.path("presence").path("status").asText()).isEqualTo("away");

        process.destroy(); // SIGTERM
        helper.await("server.draining");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after draining").isTrue();
        reader.join(10_000); // the rest of the output
        assertThat(process.exitValue()).as("output: " + output).isZero();
        helper.close();
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
