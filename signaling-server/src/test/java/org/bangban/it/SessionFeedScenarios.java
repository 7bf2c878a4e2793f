package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseState;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.RealNameCipher;
import org.bangban.casefeed.CaseSessions;
import org.bangban.casefeed.SessionRecord;
import org.bangban.evaluation.Evaluation;
import org.bangban.evaluation.EvaluationSettings;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.RatingLevel;
import org.bangban.evaluation.RatingTag;
import org.bangban.evaluation.WorkingDays;
import org.bangban.materials.Material;
import org.bangban.materials.MaterialStore;
import org.bangban.materials.Materials;
import org.bangban.materials.TestFiles;
import org.bangban.queue.ServiceKind;
import org.bangban.store.RecordStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole 帮办 session driven through started nodes by real WebSocket and HTTP clients, and what it leaves in the
 * case log: the case, its ordered events, the session's durations and media, the material, the rating and its
 * follow-up — and nothing from the refused file or ratings. Subclasses choose the topology.
 */
abstract class SessionFeedScenarios {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Path SDP = Path.of("..", "media-relay", "src", "test", "resources", "sdp");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final List<WsClient> clients = new ArrayList<>();
    @TempDir
    Path scratch;

    abstract void start(Map<String, String> overrides) throws Exception;

    abstract int helperPort();

    abstract int applicantPort();

    abstract RecordStore records();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    /** Logs in (staff) and returns the client; its token is in {@code tokens}. */
    WsClient login(String username, int port, Map<String, String> tokens) {
        WsClient c = new WsClient(username, port);
        clients.add(c);
        JsonNode ok = c.call(WsClient.msg("auth.login").put("username", username).put("password", TestAccounts.PASSWORD));
        tokens.put(username, ok.path("token").asText());
        tokens.put(username + ".id", ok.path("principalId").asText());
        return c;
    }

    @Test
    void aWholeAssistSessionFeedsTheCaseLog() throws Exception {
        start(Map.of("pairing.wrapup", "PT30S"));
        Map<String, String> tokens = new java.util.HashMap<>();
        WsClient helper = login("taxEn", helperPort(), tokens);
        helper.call(WsClient.msg("presence.set").put("status", "available"));
        WsClient supervisor = login("supervisor1", helperPort(), tokens);
        WsClient applicant = new WsClient("applicant", applicantPort());
        clients.add(applicant);
        JsonNode guest = applicant.call(WsClient.msg("auth.guest"));
        String applicantId = guest.path("principalId").asText();
        String applicantToken = guest.path("token").asText();
        String helperId = TestAccounts.idOf("taxEn");

        // request → helper accepts; both pushes carry the case number
        String requestId = applicant.call(WsClient.msg("request.create").put("item", "tax-registration")
                .put("kind", "assist").put("language", "zh").put("description", "不会填表")).path("requestId").asText();
        helper.await("offer", n -> n.path("requestId").asText().equals(requestId), WAIT);
        JsonNode accepted = helper.call(WsClient.msg("offer.accept").put("requestId", requestId));
        String sessionId = accepted.path("sessionId").asText();
        String caseNumber = accepted.path("caseNumber").asText();
        assertThat(caseNumber).startsWith("BB-");
        assertThat(applicant.await("session.started").path("caseNumber").asText()).isEqualTo(caseNumber);

        // chat both ways, each durable before its ok and pushed to both
        JsonNode sent = applicant.call(chat(sessionId, "你好，我不会填表"));
        assertThat(sent.path("caseNumber").asText()).isEqualTo(caseNumber);
        JsonNode got = helper.await("chat.message", n -> n.path("text").asText().equals("你好，我不会填表"), WAIT);
        assertThat(got.path("from").asText()).isEqualTo(applicantId);
        assertThat(got.path("role").asText()).isEqualTo("applicant");
        assertThat(got.path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
        helper.call(chat(sessionId, "请上传营业执照\n谢谢"));
        assertThat(applicant.await("chat.message", n -> n.path("from").asText().equals(helperId), WAIT)
                .path("text").asText()).isEqualTo("请上传营业执照\n谢谢");
        PairingScenarios.assertError(applicant.callRaw(chat(sessionId, "   ")), "invalid");
        PairingScenarios.assertError(applicant.callRaw(chat(sessionId, "x".repeat(2001))), "invalid");
        PairingScenarios.assertError(applicant.callRaw(chat(sessionId, "bell\u0007")), "invalid");
        WsClient stranger = new WsClient("stranger", applicantPort());
        clients.add(stranger);
        String strangerToken = stranger.call(WsClient.msg("auth.guest")).path("token").asText();
        PairingScenarios.assertError(stranger.callRaw(chat(sessionId, "hello")), "not_found");

        // the remote pointer: the helper's marks reach the applicant (across nodes), fractions of the shared screen
        helper.call(WsClient.msg("pointer.send").put("sessionId", sessionId).put("op", "stroke").put("strokeId", "s1")
                .put("color", "#ff0000").set("points", JSON.readTree("[[0.25,0.5],[0.3,0.55]]")));
        JsonNode mark = applicant.await("pointer", n -> n.path("op").asText().equals("stroke"), WAIT);
        assertThat(mark.path("from").asText()).isEqualTo("helper");
        assertThat(mark.path("strokeId").asText()).isEqualTo("s1");
        assertThat(mark.path("points").get(1).get(0).asDouble()).isEqualTo(0.3);
        applicant.call(WsClient.msg("pointer.send").put("sessionId", sessionId).put("op", "clear"));
        assertThat(helper.await("pointer", n -> n.path("op").asText().equals("clear"), WAIT).path("from").asText())
                .isEqualTo("applicant");
        PairingScenarios.assertError(helper.callRaw(WsClient.msg("pointer.send").put("sessionId", sessionId)
                .put("op", "point").set("points", JSON.readTree("[[1.5,0.2]]"))), "invalid");
        PairingScenarios.assertError(stranger.callRaw(WsClient.msg("pointer.send").put("sessionId", sessionId)
                .put("op", "clear")), "not_found");

        // a PDF is taken and linked; an executable renamed .pdf is refused and leaves nothing
        HttpResponse<String> pdf = upload(sessionId, "营业执照.pdf", TestFiles.pdf(), applicantToken);
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
        JsonNode material = JSON.readTree(pdf.body());
        assertThat(material.path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(material.path("caseNumber").asText()).isEqualTo(caseNumber);
        JsonNode added = helper.await("material.added", n -> true, WAIT);
        assertThat(added.path("materialId").asText()).isEqualTo(material.path("materialId").asText());
        assertThat(added.path("from").asText()).isEqualTo(applicantId);
        int eventsBefore = cases().events(caseNumber).size();
        HttpResponse<String> exe = upload(sessionId, "申请表.pdf", TestFiles.elf(), applicantToken);
        assertThat(exe.statusCode()).as(exe.body()).isEqualTo(415);
        assertThat(JSON.readTree(exe.body()).path("code").asText()).isEqualTo("type_not_allowed");
        assertThat(JSON.readTree(exe.body()).path("message").asText()).containsIgnoringCase("ELF");
        assertThat(upload(sessionId, "x.pdf", TestFiles.pdf(), tokens.get("supervisor1")).statusCode()).isEqualTo(404);
        assertThat(cases().events(caseNumber)).hasSize(eventsBefore);
        assertThat(materials().forCase(caseNumber)).hasSize(1);

        // media: the browsers' real offers (captured SDP); what each publishes is recorded
        applicant.call(WsClient.msg("media.offer").put("sessionId", sessionId).put("sdp", sdp("chromium-156-av-screen-offer.sdp"))
                .set("sources", JSON.createObjectNode().put("0", "microphone").put("1", "camera").put("2", "screen")));
        helper.call(WsClient.msg("media.offer").put("sessionId", sessionId).put("sdp", sdp("chromium-156-av-sendrecv-offer.sdp"))
                .set("sources", JSON.createObjectNode().put("0", "microphone").put("1", "camera")));

        // the applicant's page reloads: the same offer from a new page (a new DTLS certificate) replaces its media
        // endpoint instead of being refused, and the relay answers it
        String reloaded = sdp("chromium-156-av-screen-offer.sdp").replace("93:4B:CF:C0", "11:22:33:44");
        JsonNode replaced = applicant.call(WsClient.msg("media.offer").put("sessionId", sessionId).put("sdp", reloaded)
                .set("sources", JSON.createObjectNode().put("0", "microphone").put("1", "camera").put("2", "screen")));
        assertThat(replaced.path("sdp").asText()).contains("a=fingerprint:");

        // a supervisor monitors and barges in, and then gets the chat too
        supervisor.call(WsClient.msg("monitor.start").put("sessionId", sessionId));
        supervisor.call(WsClient.msg("monitor.mode").put("sessionId", sessionId).put("mode", "barge"));
        helper.call(chat(sessionId, "主管已加入"));
        supervisor.await("chat.message", n -> n.path("text").asText().equals("主管已加入"), WAIT);

        // the helper ends; the wrap-up is ended early
        helper.call(WsClient.msg("session.end").put("sessionId", sessionId));
        JsonNode ended = applicant.await("session.ended");
        assertThat(ended.path("caseNumber").asText()).isEqualTo(caseNumber);
        helper.await("session.ended");
        awaitUntil("the helper's wrap-up has a moment to run", () -> System.currentTimeMillis()
                > sessions().find(sessionId).orElseThrow().endedAt() + 20);
        helper.call(WsClient.msg("wrapup.end"));

        // the applicant rates 2 (不满意, a 差评): recorded, with its follow-up
        HttpResponse<String> rated = rate(sessionId, "{\"level\":2,\"tags\":[\"long_wait\"],\"comment\":\"等太久\"}",
                applicantToken);
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        JsonNode rating = JSON.readTree(rated.body());
        assertThat(rating.path("bad").asBoolean()).isTrue();
        assertThat(rating.path("followUp").path("id").asText()).startsWith("fu");

        // a second rating, one by the helper and one by a stranger are refused and write nothing
        HttpResponse<String> again = rate(sessionId, "{\"level\":5}", applicantToken);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("code").asText()).isEqualTo("already_rated");
        HttpResponse<String> byHelper = rate(sessionId, "{\"level\":5}", tokens.get("taxEn"));
        assertThat(byHelper.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(byHelper.body()).path("code").asText()).isEqualTo("forbidden");
        HttpResponse<String> byStranger = rate(sessionId, "{\"level\":1}", strangerToken);
        assertThat(byStranger.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(byStranger.body()).path("code").asText()).isEqualTo("not_found");

        // ---- what the case log holds
        awaitUntil("the wrap-up is recorded", () -> sessions().find(sessionId).orElseThrow().wrapUpMs() != null);
        CaseRecord c = cases().get(caseNumber);
        assertThat(c.applicantId()).isEqualTo(applicantId);
        assertThat(c.itemId()).isEqualTo("tax-registration");
        assertThat(c.kind()).isEqualTo(ServiceKind.ASSIST);
        assertThat(c.channel()).isEqualTo(Channel.ONLINE);
        assertThat(c.state()).isEqualTo(CaseState.GUIDED_HANDLING);
        assertThat(c.requestId()).isEqualTo(requestId);
        assertThat(c.primaryHelper()).isEqualTo(helperId);
        List<CaseEvent> events = cases().events(caseNumber);
        assertThat(events).extracting(CaseEvent::type).containsExactly(CaseEventType.CREATED,
                CaseEventType.HELPER_ASSIGNED, CaseEventType.STATE_CHANGED, CaseEventType.SESSION_STARTED,
                CaseEventType.CHAT, CaseEventType.CHAT, CaseEventType.MATERIAL_ADDED,
                CaseEventType.SUPERVISOR_ACTION, CaseEventType.SUPERVISOR_ACTION, CaseEventType.CHAT,
                CaseEventType.SESSION_ENDED, CaseEventType.EVALUATION_RECEIVED, CaseEventType.FOLLOW_UP);
        assertThat(c.lastSeq()).isEqualTo(events.size());
        assertThat(events.get(7).payload().path("action").asText()).isEqualTo("MONITOR_START");
        assertThat(events.get(8).payload().path("action").asText()).isEqualTo("BARGE");
        JsonNode endPayload = events.get(10).payload();
        assertThat(endPayload.path("reason").asText()).isEqualTo("HELPER_ENDED");
        assertThat(endPayload.path("media").toString()).isEqualTo("[\"audio\",\"video\",\"screen\"]");
        assertThat(endPayload.path("participants").toString()).contains(applicantId, helperId,
                tokens.get("supervisor1.id"));

        SessionRecord s = sessions().find(sessionId).orElseThrow();
        assertThat(s.caseNumber()).isEqualTo(caseNumber);
        assertThat(s.requestId()).isEqualTo(requestId);
        assertThat(s.applicantId()).isEqualTo(applicantId);
        assertThat(s.helperId()).isEqualTo(helperId);
        assertThat(s.waitMs()).isGreaterThanOrEqualTo(0).isEqualTo(s.startedAt() - s.requestedAt());
        assertThat(s.talkMs()).isPositive().isEqualTo(s.endedAt() - s.startedAt());
        assertThat(s.wrapUpMs()).isPositive().isLessThan(30_000);
        assertThat(s.endReason()).isEqualTo("HELPER_ENDED");
        assertThat(s.endedBy()).isEqualTo(helperId);
        assertThat(s.media()).containsExactlyInAnyOrder("audio", "video", "screen");
        assertThat(events.get(10).at().toEpochMilli()).isGreaterThanOrEqualTo(s.endedAt());

        List<Material> mats = materials().forCase(caseNumber);
        assertThat(mats).hasSize(1);
        assertThat(mats.get(0).sessionId()).isEqualTo(sessionId);
        assertThat(mats.get(0).uploadedBy()).isEqualTo(applicantId);
        assertThat(mats.get(0).fileName()).isEqualTo("营业执照.pdf");

        Evaluation e = evaluations().findBySession(sessionId).orElseThrow();
        assertThat(e.level()).isEqualTo(RatingLevel.DISSATISFIED);
        assertThat(e.tags()).containsExactly(RatingTag.LONG_WAIT);
        assertThat(e.helperId()).isEqualTo(helperId);
        assertThat(e.caseNumber()).isEqualTo(caseNumber);
        assertThat(evaluations().followUpOf(e.id())).isPresent();
        assertThat(evaluations().forCase(caseNumber)).hasSize(1);
    }

    static ObjectNode chat(String sessionId, String text) {
        return WsClient.msg("chat.send").put("sessionId", sessionId).put("text", text);
    }

    HttpResponse<String> upload(String sessionId, String name, byte[] body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + applicantPort() + "/api/sessions/"
                        + sessionId + "/materials?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> rate(String sessionId, String json, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + applicantPort() + "/api/sessions/"
                        + sessionId + "/evaluation"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sdp(String file) throws Exception {
        return Files.readString(SDP.resolve(file), StandardCharsets.UTF_8);
    }

    Cases cases() {
        return new Cases(records(), RealNameCipher.ofBase64(RealNameCipher.newKeyBase64()));
    }

    CaseSessions sessions() {
        return new CaseSessions(records());
    }

    Materials materials() {
        return new Materials(records(), new MaterialStore(scratch));
    }

    Evaluations evaluations() {
        return new Evaluations(records(), EvaluationSettings.DEFAULTS, new WorkingDays(
                org.bangban.calendar.HolidayCalendar.parse("", ""), Cases.DEFAULT_ZONE));
    }

    static void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited " + WAIT.toMillis() + " ms for " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }
}
