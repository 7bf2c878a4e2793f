package org.bangban.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.queue.HelperProfile;
import org.bangban.ws.Authenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST router on a real Jetty: routing, path parameters, roles, bodies and errors. */
class ApiRouterTest {
    private static final ObjectMapper mapper = new ObjectMapper();
    private static final Principal HELPER = new Principal("staff:h1", Role.HELPER, "H", false);
    private static Server server;
    private static int port;
    private static final HttpClient http = HttpClient.newHttpClient();

    static final class Refused extends RuntimeException {
        Refused(String m) {
            super(m);
        }
    }

    private static final Authenticator auth = new Authenticator() {
        public Principal newGuest() {
            throw new UnsupportedOperationException();
        }

        public Optional<Principal> token(String token) {
            return "good-helper".equals(token) ? Optional.of(HELPER) : Optional.empty();
        }

        public Optional<Principal> portal(String portalToken) {
            return Optional.empty();
        }

        public Optional<Principal> login(String username, char[] password) {
            return Optional.empty();
        }

        public String issue(Principal principal) {
            return "t";
        }

        public Optional<HelperProfile> helperProfile(String helperId) {
            return Optional.empty();
        }
    };

    @BeforeAll
    static void start() throws Exception {
        ApiModule module = router -> {
            router.get("/api/things/{id}/parts/{part}", c -> ApiReply.ok(c.newObject()
                    .put("id", c.param("id")).put("part", c.param("part")).put("q", c.query("q").orElse("-"))));
            router.post("/api/things", c -> ApiReply.created(c.newObject().put("name", ApiCall.text(c.json(), "name"))));
            router.get("/api/mine", c -> ApiReply.ok(c.newObject().put("who", c.require(Role.HELPER).id())));
            router.get("/api/boss", c -> ApiReply.ok(c.newObject().put("who", c.require(Role.SUPERVISOR).id())));
            router.get("/api/refused", c -> {
                throw new Refused("not like that");
            });
            router.get("/api/broken", c -> {
                throw new IllegalStateException("secret internals");
            });
            router.get("/api/csv", c -> new ApiReply.Text(200, "text/csv", "\uFEFFa,b\n", Map.of("Content-Disposition", "attachment; filename=x.csv")));
            router.mapError(Refused.class, e -> new ApiError(422, "refused", e.getMessage()));
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new ApiRouter(auth, mapper, List.of(module), java.util.Set.of("https://portal.example")));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return mapper.readTree(r.body());
    }

    @Test
    void pathAndQueryParametersReachTheAction() throws Exception {
        HttpResponse<String> r = send("GET", "/api/things/BB-1/parts/p%202?q=%E5%8A%9E", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("id").asText()).isEqualTo("BB-1");
        assertThat(json(r).get("q").asText()).isEqualTo("办");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> r = send("GET", "/api/nothing", null, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("code").asText()).isEqualTo("not_found");
        r = send("DELETE", "/api/things", null, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void bodiesAreCheckedBeforeTheActionSeesThem() throws Exception {
        assertThat(send("POST", "/api/things", "{\"name\":\"x\"}", null).statusCode()).isEqualTo(201);
        HttpResponse<String> r = send("POST", "/api/things", "{not json", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).contains("not valid JSON");
        assertThat(send("POST", "/api/things", "[1]", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/things", "{}", null).statusCode()).isEqualTo(400);
        r = send("POST", "/api/things", "{\"name\":\"" + "x".repeat(ApiCall.MAX_JSON_BODY) + "\"}", null);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void rolesAreEnforcedFromTheBearerToken() throws Exception {
        assertThat(send("GET", "/api/mine", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/mine", null, "forged").statusCode()).isEqualTo(401);
        assertThat(json(send("GET", "/api/mine", null, "good-helper")).get("who").asText()).isEqualTo("staff:h1");
        HttpResponse<String> r = send("GET", "/api/boss", null, "good-helper");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void domainRefusalsAreMappedAndInternalErrorsLeakNothing() throws Exception {
        HttpResponse<String> r = send("GET", "/api/refused", null, null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("code").asText()).isEqualTo("refused");
        r = send("GET", "/api/broken", null, null);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret internals").contains("reference");
    }

    @Test
    void textRepliesCarryTheirTypeAndHeaders() throws Exception {
        HttpResponse<String> r = send("GET", "/api/csv", null, null);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").contains("utf-8");
        assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=x.csv");
        assertThat(r.body()).startsWith("\uFEFF");
    }

    @Test
    void anEmbeddingPortalOriginMayCallAndOthersAreNotTold() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://portal.example")
                .header("Access-Control-Request-Method", "POST").build();
        HttpResponse<String> r = http.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://portal.example");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mine"))
                .header("Origin", "https://portal.example").header("Authorization", "Bearer good-helper").build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).contains("https://portal.example");
        HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mine"))
                .header("Origin", "https://evil.example").header("Authorization", "Bearer good-helper").build();
        assertThat(http.send(other, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aRouteCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> new ApiRouter(auth, mapper, List.of(r -> {
            r.get("/api/x/{a}", c -> null);
            r.get("/api/x/{a}", c -> null);
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new ApiRouter(auth, mapper, List.of(
                r -> r.mapError(Refused.class, e -> ApiError.invalid("a")),
                r -> r.mapError(Refused.class, e -> ApiError.invalid("b")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }
}
