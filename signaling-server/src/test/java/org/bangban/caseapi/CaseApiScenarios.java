package org.bangban.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bangban.calendar.HolidayCalendar;
import org.bangban.evaluation.EvaluationSettings;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.NewRating;
import org.bangban.evaluation.Rated;
import org.bangban.evaluation.RatingLevel;
import org.bangban.evaluation.RatingTag;
import org.bangban.evaluation.WorkingDays;
import org.bangban.identity.NewStaff;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.Role;
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

/**
 * The case API driven through a started node over real HTTP (java.net.http) and a real WebSocket for the
 * applicant's token; the database is checked through a record store of the test's own. Subclasses choose the
 * database (SQLite file, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseApiScenarios {
    static final int MAX_BYTES = 64 * 1024;
    static final String ITEM = "company-registration";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    TestNode node;
    RecordStore records;
    String helper1;
    String helper2;
    String outsider;
    String supervisor;
    String helper1Id;
    final List<WsClient> clients = new ArrayList<>();

    /** The test's own record store on the node's database, migrated. */
    abstract RecordStore openRecords(Path dir) throws Exception;

    /** How the node reaches that database. */
    abstract Map<String, String> databaseOverrides(Path dir);

    private Path dataDir;

    Path dataDir() {
        return dataDir;
    }

    @BeforeAll
    void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dataDir = dir;
        records = openRecords(dataDir());
        StaffAccounts accounts = new StaffAccounts(records, new PasswordHasher(4));
        DemoData.seed(accounts, new ServiceItems(records));
        accounts.create(new NewStaff("outsider", "帮办员 外组", Role.HELPER, DemoData.PASSWORD.toCharArray(), "政务服务中心",
                Map.of(), Set.of("zh"), Set.of("other-team"), 1));
        java.util.HashMap<String, String> overrides = new java.util.HashMap<>(databaseOverrides(dataDir()));
        overrides.put("materials.max.bytes", String.valueOf(MAX_BYTES));
        node = TestNode.start(dataDir(), overrides);
        helper1 = login("helper1");
        helper2 = login("helper2");
        outsider = login("outsider");
        supervisor = login("supervisor1");
        helper1Id = accounts.findByUsername("helper1").orElseThrow().id();
    }

    @AfterAll
    void stop() {
        clients.forEach(WsClient::close);
        if (node != null) node.close();
        if (records != null) records.close();
    }

    // ---- the full 代办 mandate ----

    @Test
    void aFullDelegationMandateThroughHttp() throws Exception {
        // a supervisor sets the checklist of a delegable item; a helper may not
        ObjectNode checklist = obj();
        checklist.putArray("entries")
                .add(obj().put("key", "mandate").put("nameZh", "授权委托书").put("nameEn", "Letter of authorisation"))
                .add(obj().put("key", "id-card").put("nameZh", "身份证复印件"))
                .add(obj().put("key", "other").put("nameZh", "其他材料").put("required", false));
        assertThat(send("PUT", "/api/items/" + ITEM + "/checklist", helper1, checklist).status).isEqualTo(403);
        Resp set = send("PUT", "/api/items/" + ITEM + "/checklist", supervisor, checklist);
        assertThat(set.status).isEqualTo(200);
        assertThat(texts(set.json().path("entries"), "key")).containsExactly("mandate", "id-card", "other");
        assertThat(send("PUT", "/api/items/social-insurance/checklist", supervisor, checklist).json().path("code").asText())
                .isEqualTo("not_delegable");

        // a helper enters the case at the service hall, with real-name data, shown masked
        String applicant = guest();
        Resp entered = send("POST", "/api/cases", helper1, newCase(applicant, "SERVICE_HALL", "ASSIST", true));
        assertThat(entered.status).as(entered.text()).isEqualTo(201);
        JsonNode c = entered.json();
        String number = c.path("number").asText();
        assertThat(entered.header("Location")).isEqualTo("/api/cases/" + number);
        assertThat(c.path("state").asText()).isEqualTo("INTAKE");
        assertThat(c.path("channel").asText()).isEqualTo("SERVICE_HALL");
        assertThat(c.path("department").asText()).isEqualTo("市场监督管理局");
        assertThat(c.path("realName").path("name").asText()).isEqualTo("张*");
        assertThat(c.path("realName").path("idNumber").asText()).isEqualTo("110***********002X");
        assertThat(c.path("realName").path("phone").asText()).isEqualTo("138****5678");
        assertThat(c.path("helpers").get(0).path("helperId").asText()).isEqualTo(helper1Id);
        assertThat(c.path("helpers").get(0).path("role").asText()).isEqualTo("PRIMARY");

        // converted to a mandate, planned, materials collected
        assertThat(action(helper1, number, obj().put("action", "convert").put("note", "申请人委托代办")).path("state").asText())
                .isEqualTo("MANDATE_ACCEPTED");
        assertThat(advance(helper1, number, "PLANNING").path("kind").asText()).isEqualTo("DELEGATE");
        advance(helper1, number, "MATERIALS");
        byte[] pdf = TestBytes.pdf();
        byte[] png = TestBytes.png();
        Resp up1 = upload(helper1, number, pdf, "授权委托书.pdf", "mandate");
        assertThat(up1.status).as(up1.text()).isEqualTo(201);
        Resp up2 = upload(helper1, number, png, "id card.png", "id-card");
        assertThat(up2.status).as(up2.text()).isEqualTo(201);
        JsonNode status = send("GET", "/api/cases/" + number + "/checklist", helper1, null).json();
        assertThat(status.path("complete").asBoolean()).isTrue();
        assertThat(status.path("missingRequired")).isEmpty();
        assertThat(texts(status.path("entries"), "satisfied")).containsExactly("true", "true", "false");

        // tracked, delivered with a result, archived
        advance(helper1, number, "TRACKING");
        action(helper1, number, obj().put("action", "result").put("result", "RESOLVED"));
        advance(helper1, number, "DELIVERY");
        JsonNode archived = advance(helper1, number, "ARCHIVED");
        assertThat(archived.path("state").asText()).isEqualTo("ARCHIVED");
        assertThat(archived.path("next").path("advanceTo")).isEmpty();

        // exactly the expected case, events and materials
        JsonNode full = send("GET", "/api/cases/" + number, helper1, null).json();
        assertThat(full.path("state").asText()).isEqualTo("ARCHIVED");
        assertThat(full.path("kind").asText()).isEqualTo("DELEGATE");
        assertThat(full.path("result").asText()).isEqualTo("RESOLVED");
        assertThat(full.path("closedAt").isNull()).isFalse();
        assertThat(full.path("realName").path("masked").asBoolean()).isTrue();
        assertThat(texts(full.path("events"), "type")).containsExactly("CREATED", "HELPER_ASSIGNED", "CONVERTED",
                "STATE_CHANGED", "STATE_CHANGED", "MATERIAL_ADDED", "MATERIAL_ADDED", "STATE_CHANGED",
                "RESULT_RECORDED", "STATE_CHANGED", "STATE_CHANGED");
        List<String> seqs = texts(full.path("events"), "seq");
        assertThat(seqs).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        List<String> toStates = new ArrayList<>();
        for (JsonNode e : full.path("events")) {
            if (e.path("type").asText().equals("STATE_CHANGED")) toStates.add(e.path("payload").path("to").asText());
        }
        assertThat(toStates).containsExactly("PLANNING", "MATERIALS", "TRACKING", "DELIVERY", "ARCHIVED");
        JsonNode materials = full.path("materials");
        assertThat(texts(materials, "type")).containsExactly("PDF", "PNG");
        assertThat(texts(materials, "checklistKey")).containsExactly("mandate", "id-card");
        assertThat(texts(materials, "fileName")).containsExactly("授权委托书.pdf", "id card.png");
        assertThat(texts(materials, "sha256")).containsExactly(sha256(pdf), sha256(png));
        assertThat(full.path("events").get(5).path("payload").path("materialId").asText())
                .isEqualTo(materials.get(0).path("id").asText());
        assertThat(full.path("sessions")).isEmpty();
        assertThat(full.path("evaluations")).isEmpty();

        // the download: verified bytes, sniffed type, attachment with the UTF-8 name, nosniff
        String pdfId = materials.get(0).path("id").asText();
        Resp dl = send("GET", "/api/materials/" + pdfId, helper1, null);
        assertThat(dl.status).isEqualTo(200);
        assertThat(dl.body).isEqualTo(pdf);
        assertThat(dl.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(dl.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(dl.header("Content-Disposition")).isEqualTo("attachment; filename=\"_____.pdf\"; filename*=UTF-8''"
                + URLEncoder.encode("授权委托书", StandardCharsets.UTF_8) + ".pdf");
        String applicantToken = tokens.get(applicant);
        assertThat(send("GET", "/api/materials/" + pdfId, applicantToken, null).body).isEqualTo(pdf);
        assertThat(send("GET", "/api/materials/" + pdfId, helper2, null).status).isEqualTo(403); // team-mate
        Resp strangerDl = send("GET", "/api/materials/" + pdfId, outsider, null);
        Resp missingDl = send("GET", "/api/materials/mat-doesnotexist", outsider, null);
        assertThat(strangerDl.status).isEqualTo(404);
        assertThat(strangerDl.json().path("message").asText())
                .isEqualTo(missingDl.json().path("message").asText().replace("mat-doesnotexist", pdfId));

        // real-name data: a team-mate sees the case masked and may not reveal; the case's helper may, and it is recorded
        assertThat(send("GET", "/api/cases/" + number, helper2, null).json().path("realName").path("phone").asText())
                .isEqualTo("138****5678");
        assertThat(send("GET", "/api/cases/" + number + "?reveal=realName", helper2, null).status).isEqualTo(403);
        JsonNode revealed = send("GET", "/api/cases/" + number + "?reveal=realName", helper1, null).json();
        assertThat(revealed.path("realName").path("idNumber").asText()).isEqualTo("11010519491231002X");
        assertThat(revealed.path("realName").path("phone").asText()).isEqualTo("13812345678");
        assertThat(revealed.path("realName").path("masked").asBoolean()).isFalse();
        JsonNode last = revealed.path("events").get(revealed.path("events").size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("REAL_NAME_VIEWED");
        assertThat(last.path("actorId").asText()).isEqualTo(helper1Id);
        assertThat(texts(last.path("payload").path("fields"), null)).containsExactly("name", "idNumber", "phone");

        // the applicant sees its own case
        JsonNode mine = send("GET", "/api/my/cases", applicantToken, null).json();
        assertThat(texts(mine.path("cases"), "number")).containsExactly(number);
        assertThat(send("GET", "/api/cases/" + number, applicantToken, null).status).isEqualTo(200);
        assertThat(send("GET", "/api/cases/" + number + "?reveal=realName", applicantToken, null).status).isEqualTo(403);
    }

    // ---- refusals that write nothing ----

    @Test
    void refusalsWriteNothing() throws Exception {
        String applicant = guest();
        String number = send("POST", "/api/cases", helper1, newCase(applicant, "HOME_VISIT", "ASSIST", false))
                .json().path("number").asText();
        long seq = lastSeq(number);

        // an illegal transition: 409 with what is possible instead
        Resp illegal = send("POST", "/api/cases/" + number + "/actions", helper1,
                obj().put("action", "advance").put("to", "CLOSED"));
        assertThat(illegal.status).isEqualTo(409);
        assertThat(illegal.json().path("code").asText()).isEqualTo("illegal_transition");
        assertThat(illegal.json().path("state").asText()).isEqualTo("INTAKE");
        assertThat(texts(illegal.json().path("next").path("advanceTo"), null)).containsExactly("GUIDED_HANDLING");
        assertThat(illegal.json().path("next").path("terminate").asBoolean()).isTrue();
        assertThat(lastSeq(number)).isEqualTo(seq);

        // an oversized file and an executable renamed .pdf
        byte[] big = new byte[MAX_BYTES + 1];
        System.arraycopy(TestBytes.pdf(), 0, big, 0, TestBytes.pdf().length);
        Resp tooBig = upload(helper1, number, big, "big.pdf", null);
        assertThat(tooBig.status).isEqualTo(413);
        assertThat(tooBig.json().path("code").asText()).isEqualTo("too_large");
        Resp exe = upload(helper1, number, TestBytes.elf(), "report.pdf", null);
        assertThat(exe.status).isEqualTo(415);
        assertThat(exe.json().path("code").asText()).isEqualTo("type_not_allowed");
        assertThat(exe.json().path("message").asText()).contains("ELF executable");
        assertThat(send("GET", "/api/cases/" + number + "/materials", helper1, null).json().path("materials")).isEmpty();
        assertThat(lastSeq(number)).isEqualTo(seq);
        try (Stream<Path> incoming = Files.list(dataDir().resolve("materials").resolve("incoming"))) {
            assertThat(incoming.toList()).isEmpty();
        }

        // another helper's and another applicant's case: 404, the same as a number that does not exist
        String missing = "BB-20200101-999999";
        Resp none = send("GET", "/api/cases/" + missing, outsider, null);
        Resp notTheirs = send("GET", "/api/cases/" + number, outsider, null);
        Resp otherApplicant = send("GET", "/api/cases/" + number, tokens.get(guest()), null);
        assertThat(none.status).isEqualTo(404);
        for (Resp r : List.of(notTheirs, otherApplicant)) {
            assertThat(r.status).isEqualTo(404);
            assertThat(r.text()).isEqualTo(none.text().replace(missing, number));
        }
        assertThat(send("POST", "/api/cases/" + number + "/actions", outsider,
                obj().put("action", "advance").put("to", "GUIDED_HANDLING")).text())
                .isEqualTo(none.text().replace(missing, number));
        assertThat(upload(outsider, number, TestBytes.pdf(), "x.pdf", null).status).isEqualTo(404);
        // a team-mate sees it but may not change it
        assertThat(send("POST", "/api/cases/" + number + "/actions", helper2,
                obj().put("action", "advance").put("to", "GUIDED_HANDLING")).status).isEqualTo(403);
        assertThat(lastSeq(number)).isEqualTo(seq);

        // a forged token, malformed JSON, a mistyped 身份证号
        String forged = helper1.substring(0, helper1.length() - 4) + (helper1.endsWith("AAAA") ? "BBBB" : "AAAA");
        Resp unauth = send("GET", "/api/cases/" + number, forged, null);
        assertThat(unauth.status).isEqualTo(401);
        assertThat(unauth.json().path("code").asText()).isEqualTo("unauthenticated");
        int before = countCases(applicant);
        Resp malformed = sendRaw("POST", "/api/cases", helper1, "{\"channel\": \"ONLINE\",".getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(malformed.status).isEqualTo(400);
        assertThat(malformed.json().path("code").asText()).isEqualTo("invalid");
        ObjectNode badId = newCase(applicant, "ONLINE", "ASSIST", true);
        ((ObjectNode) badId.path("realName")).put("idNumber", "110105194912310021");
        Resp badIdResp = send("POST", "/api/cases", helper1, badId);
        assertThat(badIdResp.status).isEqualTo(400);
        assertThat(badIdResp.json().path("message").asText()).contains("check character");
        ObjectNode badPhone = newCase(applicant, "ONLINE", "ASSIST", true);
        ((ObjectNode) badPhone.path("realName")).put("phone", "12345");
        assertThat(send("POST", "/api/cases", helper1, badPhone).status).isEqualTo(400);
        assertThat(countCases(applicant)).isEqualTo(before);
    }

    // ---- search and authorisation of lists ----

    @Test
    void searchesAreLimitedToWhatTheCallerMaySee() throws Exception {
        String applicant = guest();
        String partner = send("POST", "/api/cases", helper1, newCase(applicant, "PARTNER", "ASSIST", false))
                .json().path("number").asText();
        ObjectNode delegate = newCase(applicant, "ONLINE", "DELEGATE", false);
        String online = send("POST", "/api/cases", helper1, delegate).json().path("number").asText();
        String q = "/api/cases?applicant=" + URLEncoder.encode(applicant, StandardCharsets.UTF_8);
        assertThat(texts(send("GET", q, supervisor, null).json().path("cases"), "number")).containsExactly(online, partner);
        assertThat(texts(send("GET", q, helper2, null).json().path("cases"), "number")).containsExactly(online, partner);
        assertThat(send("GET", q, outsider, null).json().path("cases")).isEmpty();
        assertThat(texts(send("GET", q + "&channel=PARTNER", supervisor, null).json().path("cases"), "number"))
                .containsExactly(partner);
        assertThat(texts(send("GET", q + "&kind=DELEGATE", supervisor, null).json().path("cases"), "number"))
                .containsExactly(online);
        String today = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(texts(send("GET", q + "&from=" + today + "&to=" + today, supervisor, null).json().path("cases"),
                "number")).containsExactly(online, partner);
        assertThat(send("GET", q + "&to=2020-01-01", supervisor, null).json().path("cases")).isEmpty();
        assertThat(texts(send("GET", q + "&limit=1", supervisor, null).json().path("cases"), "number")).containsExactly(online);
        assertThat(send("GET", q + "&limit=1", supervisor, null).json().path("more").asBoolean()).isTrue();
        assertThat(send("GET", q + "&kind=NOPE", supervisor, null).status).isEqualTo(400);
        assertThat(texts(send("GET", "/api/cases", tokens.get(applicant), null).json().path("cases"), "number"))
                .containsExactly(online, partner);
        assertThat(send("GET", "/api/cases?applicant=guest:someone-else", tokens.get(applicant), null).json()
                .path("cases")).isEmpty();
        assertThat(send("GET", "/api/my/cases", helper1, null).status).isEqualTo(403);

        // a supervisor assigns the outsider, who then sees the case
        Resp assigned = send("POST", "/api/cases/" + partner + "/helpers", supervisor,
                obj().put("helperId", idOf(outsider)).put("role", "ASSISTING"));
        assertThat(assigned.status).as(assigned.text()).isEqualTo(200);
        assertThat(send("GET", "/api/cases/" + partner, outsider, null).status).isEqualTo(200);
        assertThat(send("POST", "/api/cases/" + partner + "/helpers", helper1,
                obj().put("helperId", idOf(outsider)).put("role", "ASSISTING")).status).isEqualTo(403);
    }

    // ---- the follow-up of a bad rating ----

    @Test
    void theFollowUpOfABadRating() throws Exception {
        String applicant = guest();
        String number = send("POST", "/api/cases", helper1, newCase(applicant, "ONLINE", "ASSIST", false))
                .json().path("number").asText();
        Instant now = Instant.now();
        records.write("a session row", c -> {
            try (var ps = c.prepareStatement("INSERT INTO case_session (session_id, case_number, request_id,"
                    + " applicant_id, helper_id, item_id, department, queue, kind, priority, requested_at, started_at,"
                    + " wait_ms, ended_at, talk_ms, wrap_up_ms, end_reason, ended_by, media)"
                    + " VALUES (?, ?, 'req-1', ?, ?, ?, '市场监督管理局', '市场主体登记', 'ASSIST', 'NORMAL', ?, ?, 5000, ?,"
                    + " 60000, 30000, 'APPLICANT_ENDED', ?, 'audio,screen')")) {
                ps.setString(1, "sess-" + number);
                ps.setString(2, number);
                ps.setString(3, applicant);
                ps.setString(4, helper1Id);
                ps.setString(5, ITEM);
                ps.setLong(6, now.toEpochMilli() - 125_000);
                ps.setLong(7, now.toEpochMilli() - 120_000);
                ps.setLong(8, now.toEpochMilli() - 60_000);
                ps.setString(9, applicant);
                ps.executeUpdate();
            }
            return null;
        });
        Evaluations evaluations = new Evaluations(records, EvaluationSettings.DEFAULTS,
                new WorkingDays(HolidayCalendar.none(), ZoneId.of("Asia/Shanghai")));
        Rated rated = evaluations.rate(new NewRating("sess-" + number, number, applicant, helper1Id,
                now.minusSeconds(60), new org.bangban.evaluation.Actor(applicant, Role.APPLICANT),
                RatingLevel.VERY_DISSATISFIED, Set.of(RatingTag.POOR_ATTITUDE), "等了很久"), now);
        String followUp = rated.followUp().id();
        String evaluation = rated.evaluation().id();

        assertThat(texts(send("GET", "/api/follow-ups?state=open&limit=200", supervisor, null).json().path("followUps"),
                "id")).contains(followUp);
        assertThat(texts(send("GET", "/api/follow-ups?state=all&limit=200", helper2, null).json().path("followUps"),
                "id")).contains(followUp);
        assertThat(texts(send("GET", "/api/follow-ups?state=all&limit=200", outsider, null).json().path("followUps"),
                "id")).doesNotContain(followUp);
        assertThat(send("GET", "/api/follow-ups?state=later", supervisor, null).status).isEqualTo(400);
        assertThat(send("POST", "/api/follow-ups/" + followUp + "/steps", outsider, obj().put("step", "CONTACT")).status)
                .isEqualTo(404);
        // the rated helper takes no step on its own rating
        Resp own = send("POST", "/api/follow-ups/" + followUp + "/steps", helper1, obj().put("step", "CONTACT"));
        assertThat(own.status).isEqualTo(403);
        // out of order
        Resp early = send("POST", "/api/follow-ups/" + followUp + "/steps", helper2, obj().put("step", "VERIFY"));
        assertThat(early.status).isEqualTo(409);
        assertThat(early.json().path("code").asText()).isEqualTo("illegal_step");
        long seq = lastSeq(number);

        for (String step : List.of("CONTACT", "VERIFY", "RECTIFY", "REPORT_BACK")) {
            Resp r = send("POST", "/api/follow-ups/" + followUp + "/steps", helper2,
                    obj().put("step", step).put("note", step.toLowerCase()));
            assertThat(r.status).as(step + ": " + r.text()).isEqualTo(200);
        }
        assertThat(send("GET", "/api/follow-ups/" + followUp, supervisor, null).json().path("state").asText())
                .isEqualTo("AWAITING_SECOND_RATING");
        // an appeal by the rated helper, decided by a supervisor; a helper deciding is refused
        assertThat(send("POST", "/api/follow-ups/" + followUp + "/appeal", helper1,
                obj().put("reason", "申请人对事项本身不满")).status).isEqualTo(200);
        long beforeDecision = lastSeq(number);
        Resp helperDecides = send("POST", "/api/follow-ups/" + followUp + "/appeal-decision", helper2,
                obj().put("decision", "UPHELD"));
        assertThat(helperDecides.status).isEqualTo(403);
        assertThat(lastSeq(number)).isEqualTo(beforeDecision);
        JsonNode decided = send("POST", "/api/follow-ups/" + followUp + "/appeal-decision", supervisor,
                obj().put("decision", "REJECTED").put("note", "评价属实")).json();
        assertThat(decided.path("appeal").path("decision").asText()).isEqualTo("REJECTED");
        // the applicant's 追评, with its own token; nobody else's
        assertThat(send("POST", "/api/evaluations/" + evaluation + "/second-rating", tokens.get(guest()),
                obj().put("level", "SATISFIED")).status).isEqualTo(404);
        assertThat(send("POST", "/api/evaluations/" + evaluation + "/second-rating", helper2,
                obj().put("level", "SATISFIED")).status).isEqualTo(403);
        Resp second = send("POST", "/api/evaluations/" + evaluation + "/second-rating", tokens.get(applicant),
                obj().put("level", "SATISFIED").put("comment", "已整改"));
        assertThat(second.status).as(second.text()).isEqualTo(200);
        assertThat(second.json().path("followUpState").asText()).isEqualTo("CLOSED");
        assertThat(send("POST", "/api/evaluations/" + evaluation + "/second-rating", tokens.get(applicant),
                obj().put("level", "SATISFIED")).json().path("code").asText()).isEqualTo("already_rated");

        // the case shows it all: FOLLOW_UP events in order, the rating with its follow-up, the session
        JsonNode full = send("GET", "/api/cases/" + number, supervisor, null).json();
        List<String> steps = new ArrayList<>();
        for (JsonNode e : full.path("events")) {
            if (e.path("type").asText().equals("FOLLOW_UP")) steps.add(e.path("payload").path("step").asText());
        }
        assertThat(steps).containsExactly("CONTACT", "VERIFY", "RECTIFY", "REPORT_BACK", "APPEAL", "APPEAL_REJECTED",
                "SECOND_RATING");
        assertThat(lastSeq(number)).isEqualTo(seq + 7);
        JsonNode eval = full.path("evaluations").get(0);
        assertThat(eval.path("level").asText()).isEqualTo("VERY_DISSATISFIED");
        assertThat(eval.path("secondRating").path("level").asText()).isEqualTo("SATISFIED");
        assertThat(eval.path("followUp").path("state").asText()).isEqualTo("CLOSED");
        assertThat(texts(eval.path("followUp").path("history"), "step")).containsExactly("OPEN", "CONTACT", "VERIFY",
                "RECTIFY", "REPORT_BACK", "APPEAL", "APPEAL_REJECTED", "SECOND_RATING");
        JsonNode session = full.path("sessions").get(0);
        assertThat(session.path("sessionId").asText()).isEqualTo("sess-" + number);
        assertThat(session.path("talkMs").asLong()).isEqualTo(60000);
        assertThat(texts(session.path("media"), null)).containsExactly("audio", "screen");
    }

    // ---- helpers ----

    final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> staffIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** A new guest applicant over a real WebSocket; its id (the token is in {@link #tokens}). */
    String guest() {
        WsClient ws = node.client("applicant");
        clients.add(ws);
        JsonNode ok = ws.call(WsClient.msg("auth.guest"));
        tokens.put(ok.path("principalId").asText(), ok.path("token").asText());
        return ok.path("principalId").asText();
    }

    String login(String username) throws Exception {
        JsonNode r = send("POST", "/api/auth/login", null,
                obj().put("username", username).put("password", DemoData.PASSWORD)).json();
        staffIds.put(r.path("token").asText(), r.path("principalId").asText());
        return r.path("token").asText();
    }

    String idOf(String token) {
        return staffIds.get(token);
    }

    static ObjectNode newCase(String applicant, String channel, String kind, boolean realName) {
        ObjectNode n = obj().put("channel", channel).put("kind", kind).put("applicantId", applicant)
                .put("itemId", ITEM).put("description", "企业设立登记");
        if (realName) {
            n.putObject("realName").put("name", "张三").put("idNumber", "110105 19491231 002x").put("phone", "13812345678");
        }
        return n;
    }

    JsonNode advance(String token, String number, String to) throws Exception {
        return action(token, number, obj().put("action", "advance").put("to", to));
    }

    JsonNode action(String token, String number, ObjectNode body) throws Exception {
        Resp r = send("POST", "/api/cases/" + number + "/actions", token, body);
        assertThat(r.status).as(r.text()).isEqualTo(200);
        return r.json();
    }

    Resp upload(String token, String number, byte[] bytes, String name, String key) throws Exception {
        String path = "/api/cases/" + number + "/materials?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (key == null ? "" : "&checklistKey=" + key);
        return sendRaw("POST", path, token, bytes, "application/octet-stream");
    }

    long lastSeq(String number) throws Exception {
        return send("GET", "/api/cases/" + number, supervisor, null).json().path("lastSeq").asLong();
    }

    int countCases(String applicant) throws Exception {
        return send("GET", "/api/cases?applicant=" + URLEncoder.encode(applicant, StandardCharsets.UTF_8), supervisor,
                null).json().path("cases").size();
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(field == null ? n.asText() : n.path(field).asText());
        return out;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    Resp send(String method, String path, String token, JsonNode body) throws IOException, InterruptedException {
        return sendRaw(method, path, token, body == null ? null : JSON.writeValueAsBytes(body), "application/json");
    }

    Resp sendRaw(String method, String path, String token, byte[] body, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) b.header("Content-Type", type);
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Resp(r.statusCode(), r.headers().map(), r.body());
    }

    record Resp(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
