package org.bangban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * What the browser tests of the three web faces (widget, helper console, supervisor dashboard) and the checks of
 * their files share: the always-open service hours, resources on the classpath (the web-widget jar and the test
 * actors), the browser console's errors, screenshots, and the REST calls that look a case up.
 */
final class WebTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Service hours every day round the clock, no holidays: a request is always queued, never turned to a callback. */
    static final Map<String, String> ALWAYS_OPEN = Map.of("service.hours", "MON-SUN 00:00-23:59",
            "service.holidays", "", "service.workdays", "");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SHOTS = Path.of("target", "screenshots");

    private WebTestSupport() {
    }

    /** {@link #ALWAYS_OPEN} with more settings. */
    static Map<String, String> alwaysOpen(String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(ALWAYS_OPEN);
        m.put(key, value);
        return Map.copyOf(m);
    }

    /** A text file on the test classpath, e.g. "bangban-web/widget.js" or "browser/actors.js". */
    static String resource(String name) {
        try (InputStream in = WebTestSupport.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors (console.error, uncaught exceptions, failed loads) in the browser's console since the last read: one
     * log for all the browser's windows. Messages the caller ignores are left out.
     */
    static List<String> consoleErrors(ChromeDriver driver, Predicate<String> ignored) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .filter(ignored.negate()).toList();
    }

    /** Saves what the window shows as target/screenshots/{name}.png. */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REST call to the server on this port; an answer of 300 or more fails the test. */
    static JsonNode rest(int port, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b, 200, 299);
    }

    /** A file POSTed as the raw body with this token (a material); an answer other than 201 fails the test. */
    static JsonNode upload(int port, String path, String token, byte[] bytes) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201, 201);
    }

    /** Sends the request; an answer outside [low, high] fails the test with its body. */
    private static JsonNode send(HttpRequest.Builder b, int low, int high) {
        try {
            HttpRequest request = b.timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() < low || r.statusCode() > high) {
                throw new AssertionError(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The demo supervisor's login reply (token, principalId). */
    static JsonNode supervisorLogin(int port) {
        return rest(port, "POST", "/api/auth/login", null, "{\"username\":\"supervisor1\",\"password\":\"bangban-demo\"}");
    }

    /** A case as a supervisor sees it, with its events, evaluations and materials. */
    static JsonNode caseOf(int port, String caseNumber) {
        return rest(port, "GET", "/api/cases/" + caseNumber, supervisorLogin(port).path("token").asText(), null);
    }
}
