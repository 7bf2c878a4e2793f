package org.bangban.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.StaffAccounts;
import org.bangban.it.TestNode;
import org.bangban.it.WsClient;
import org.bangban.server.DemoData;
import org.bangban.store.RecordStore;
import org.bangban.store.ServiceItems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/indicators and /api/indicators.csv on a started node whose SQLite file holds {@link KnownDataSet}, with
 * the demo helpers helper1 and helper2 as its h1 and h2: the role rule, the JSON and the CSV bytes over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorsApiTest {
    static final String RANGE = "from=2026-11-24&to=2026-11-25";
    TestNode node;
    String helper1;
    String helper2;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.sqliteFile(dir.resolve("bangban.db"))) {
            StaffAccounts accounts = new StaffAccounts(store, new PasswordHasher(4));
            DemoData.seed(accounts, new ServiceItems(store));
            helper1 = accounts.findByUsername("helper1").orElseThrow().id();
            helper2 = accounts.findByUsername("helper2").orElseThrow().id();
            new KnownDataSet(helper1, helper2).insert(store, true);
        }
        node = TestNode.start(dir, Map.of());
    }

    @AfterAll
    void stop() {
        if (node != null) node.close();
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\""
                        + DemoData.PASSWORD + "\"}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body()).path("token").asText();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + node.port() + pathAndQuery);
    }

    HttpResponse<byte[]> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode getJson(String pathAndQuery, String token, int status) throws Exception {
        HttpResponse<byte[]> r = get(pathAndQuery, token);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        return json.readTree(r.body());
    }

    @Test
    void aSupervisorSeesEveryHelper() throws Exception {
        JsonNode n = getJson("/api/indicators?" + RANGE + "&by=helper", login("supervisor1"), 200);
        assertThat(n.path("by").asText()).isEqualTo("helper");
        assertThat(n.path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(n.path("serviceLevelSeconds").asDouble()).isEqualTo(60.0);
        // 帮办员 张敏 (helper1, 张 U+5F20) before 帮办员 李强 (helper2, 李 U+674E), then requests nobody took
        JsonNode rows = n.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("key").asText()).isEqualTo(helper1);
        assertThat(rows.get(0).path("label").asText()).isEqualTo("帮办员 张敏");
        assertThat(rows.get(1).path("key").asText()).isEqualTo(helper2);
        assertThat(rows.get(2).path("key").asText()).isEmpty();
        // the total as in IndicatorsContract.theTotalOverBothDays
        JsonNode t = n.path("total");
        assertThat(t.path("sessions").asLong()).isEqualTo(4);
        assertThat(t.path("responseTime").path("meanMs").asDouble()).isEqualTo(56_250.0);
        assertThat(t.path("responseTime").path("p50Ms").asLong()).isEqualTo(30_000);
        assertThat(t.path("responseTime").path("p90Ms").asLong()).isEqualTo(120_000);
        assertThat(t.path("serviceLevel").path("numerator").asLong()).isEqualTo(3);
        assertThat(t.path("serviceLevel").path("denominator").asLong()).isEqualTo(6);
        assertThat(t.path("serviceLevel").path("value").asDouble()).isEqualTo(0.5);
        assertThat(t.path("satisfactionRate").path("value").asDouble()).isEqualTo(2.0 / 6);
        // helper1's row as h1's
        assertThat(rows.get(0).path("resolutionRate").path("value").asDouble()).isEqualTo(0.5);
        assertThat(rows.get(0).path("handlingTime").path("p90Ms").asLong()).isEqualTo(480_000);
        // a rate with nothing to divide is null
        assertThat(rows.get(2).path("satisfactionRate").path("value").isNull()).isTrue();
    }

    @Test
    void aHelperSeesOnlyItsOwnRow() throws Exception {
        String token = login("helper1");
        JsonNode n = getJson("/api/indicators?" + RANGE + "&by=helper", token, 200);
        assertThat(n.path("rows")).hasSize(1);
        assertThat(n.path("rows").get(0).path("key").asText()).isEqualTo(helper1);
        // its total is its own: S1 and S2, not the service's four sessions
        assertThat(n.path("total").path("sessions").asLong()).isEqualTo(2);
        assertThat(n.path("total").path("responseTime").path("p50Ms").asLong()).isEqualTo(15_000);
        JsonNode alone = getJson("/api/indicators?" + RANGE, token, 200);
        assertThat(alone.path("rows")).isEmpty();
        assertThat(alone.path("total")).isEqualTo(n.path("total"));
        // other groupings are for supervisors; so is the CSV of them
        assertThat(getJson("/api/indicators?" + RANGE + "&by=item", token, 403).path("code").asText()).isEqualTo("forbidden");
        assertThat(get("/api/indicators.csv?" + RANGE + "&by=department", token).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> csv = get("/api/indicators.csv?" + RANGE + "&by=helper", token);
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")).hasSize(3); // header, its total, its row
        assertThat(text).doesNotContain(helper2);
    }

    @Test
    void applicantsAndStrangersAreRefused() throws Exception {
        assertThat(getJson("/api/indicators?" + RANGE, null, 401).path("code").asText()).isEqualTo("unauthenticated");
        try (WsClient applicant = node.client("applicant")) {
            String token = applicant.call(WsClient.msg("auth.guest")).path("token").asText();
            assertThat(getJson("/api/indicators?" + RANGE, token, 403).path("code").asText()).isEqualTo("forbidden");
            assertThat(get("/api/indicators.csv?" + RANGE, token).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void badParametersAreRefusedWithTheReason() throws Exception {
        String token = login("supervisor1");
        assertThat(getJson("/api/indicators?from=2026-11-24", token, 400).path("message").asText()).contains("'to'");
        assertThat(getJson("/api/indicators?from=24.11.2026&to=2026-11-25", token, 400).path("message").asText())
                .contains("2026-11-26");
        assertThat(getJson("/api/indicators?from=2026-11-25&to=2026-11-24", token, 400).path("message").asText())
                .contains("before");
        assertThat(getJson("/api/indicators?" + RANGE + "&by=week", token, 400).path("message").asText())
                .contains("helper, department, item, day");
    }

    @Test
    void theCsvDownload() throws Exception {
        HttpResponse<byte[]> r = get("/api/indicators.csv?" + RANGE + "&by=item", login("supervisor1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .isEqualToIgnoringCase("text/csv; charset=utf-8"));
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"indicators-2026-11-24-2026-11-25.csv\"");
        byte[] b = r.body();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines).hasSize(5); // header, total, item-b, item-a, "" after the last CRLF
        assertThat(lines[0]).startsWith("分组 Group,名称 Name,会话数 Sessions,");
        assertThat(lines[1]).startsWith(",合计 Total,4,56.3,30.0,120.0,120.0,");
        assertThat(lines[2]).startsWith("item-b,个体工商户注册,2,45.0,30.0,60.0,60.0,");
        // the item name with a comma and quotes, quoted and its quotes doubled (RFC 4180); then item-a's figures:
        // 2 sessions, mean 67.5 s, p50 15 s, p90 120 s … resolution 2/3, satisfaction 1/2, abandonment 1/4,
        // service level 1/3, follow-up 0/1, on-time (no rectification) empty
        assertThat(lines[3]).startsWith("item-a,\"社保, \"\"参保\"\"登记\",2,67.5,15.0,120.0,120.0,");
        assertThat(lines[3]).endsWith(",4,3,66.67,0.00,50.00,25.00,33.33,0.00,");
        assertThat(lines[4]).isEmpty();
    }
}
