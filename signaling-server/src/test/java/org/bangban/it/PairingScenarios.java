package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pairing scenarios of issue 2, driven by real WebSocket clients against started nodes. Subclasses choose
 * the topology: one embedded node, or two nodes sharing Redis with helpers on one and applicants on the other.
 * Accounts (see {@link TestAccounts}): taxEn (税务 5, zh+en), socialZh (社会保障 4, zh), multi (every category 3,
 * zh, two sessions at once).
 */
abstract class PairingScenarios {
    static final Duration WAIT = Duration.ofSeconds(10);
    final List<WsClient> clients = new ArrayList<>();

    /** Starts the topology with these configuration overrides (on every node). */
    abstract void start(java.util.Map<String, String> overrides) throws Exception;

    /** A node for helpers' consoles. */
    abstract int helperPort();

    /** A node for applicants. */
    abstract int applicantPort();

    /** The record store the nodes write to, opened by the test. */
    abstract org.bangban.store.RecordStore records();

    /** How the request with this id ended, as recorded in the record store; null if not (yet). */
    String outcomeOf(String requestId) {
        return TestAccounts.outcomeOf(records(), requestId);
    }

    /** Number of callback requests recorded. */
    int callbacksRecorded() {
        return TestAccounts.callbacks(records());
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    WsClient helper(String username) {
        WsClient c = new WsClient(username, helperPort());
        clients.add(c);
        c.call(WsClient.msg("auth.login").put("username", username).put("password", TestAccounts.PASSWORD));
        return c;
    }

    WsClient available(String username) {
        WsClient c = helper(username);
        c.call(WsClient.msg("presence.set").put("status", "available"));
        return c;
    }

    WsClient applicant(String name) {
        WsClient c = new WsClient(name, applicantPort());
        clients.add(c);
        c.call(WsClient.msg("auth.guest"));
        return c;
    }

    static ObjectNode request(String item, String language) {
        return WsClient.msg("request.create").put("item", item).put("kind", "assist").put("language", language)
                .put("description", "不会填表");
    }

    static JsonNode offerFor(WsClient helper, String requestId) {
        return helper.await("offer", n -> n.path("requestId").asText().equals(requestId), WAIT);
    }

    void defaults() throws Exception {
        start(java.util.Map.of());
    }

    // ------------------------------------------------------------------------------------------ scenarios

    @Test
    void aRequestReachesAHelperWithTheMatchingSkillAndLanguage() throws Exception {
        defaults();
        WsClient taxEn = available("taxEn");
        WsClient socialZh = available("socialZh");

        JsonNode tax = applicant("a1").call(request("tax-registration", "en"));
        assertThat(tax.path("accepted").asBoolean()).isTrue();
        offerFor(taxEn, tax.path("requestId").asText());

        JsonNode social = applicant("a2").call(request("social-insurance", "zh"));
        offerFor(socialZh, social.path("requestId").asText());

        assertThat(socialZh.has("offer", n -> n.path("requestId").asText().equals(tax.path("requestId").asText()))).isFalse();
        assertThat(taxEn.has("offer", n -> n.path("requestId").asText().equals(social.path("requestId").asText()))).isFalse();

        // Social insurance in English: taxEn speaks English but has no such skill; socialZh has it but no English.
        JsonNode nobody = applicant("a3").call(request("social-insurance", "en"));
        assertThat(nobody.path("accepted").asBoolean()).isFalse();
        assertThat(nobody.path("reason").asText()).isEqualTo("NOBODY_ELIGIBLE");
        assertThat(nobody.path("callbackOffered").asBoolean()).isTrue();
        awaitOutcome(nobody.path("requestId").asText(), "CALLBACK");
    }

    @Test
    void aRequestInALanguageNobodyFreeSpeaksIsOfferedAsSoonAsASpeakerIsFree() throws Exception {
        defaults();
        WsClient socialZh = available("socialZh"); // free, Chinese only: passes read only the Chinese queue
        WsClient taxEn = helper("taxEn"); // speaks English, logged in but not ready
        JsonNode en = applicant("a1").call(request("tax-registration", "en"));
        assertThat(en.path("accepted").asBoolean()).isTrue();
        JsonNode zh = applicant("a2").call(request("social-insurance", "zh"));
        offerFor(socialZh, zh.path("requestId").asText());

        taxEn.call(WsClient.msg("presence.set").put("status", "available"));
        offerFor(taxEn, en.path("requestId").asText());
        assertThat(socialZh.has("offer", n -> n.path("requestId").asText().equals(en.path("requestId").asText()))).isFalse();
    }

    @Test
    void aGreenChannelRequestOvertakesNormalOnes() throws Exception {
        defaults();
        WsClient taxEn = helper("taxEn"); // logged in, not yet available: requests wait
        String n1 = applicant("normal1").call(request("tax-registration", "zh")).path("requestId").asText();
        String n2 = applicant("normal2").call(request("tax-registration", "zh")).path("requestId").asText();
        JsonNode green = applicant("elderly").call(request("tax-registration", "zh").put("green", "elderly"));
        assertThat(green.path("position").asInt()).isEqualTo(1);

        taxEn.call(WsClient.msg("presence.set").put("status", "available"));
        JsonNode first = taxEn.await("offer");
        assertThat(first.path("requestId").asText()).isEqualTo(green.path("requestId").asText());
        assertThat(first.path("priority").asText()).isEqualTo("green");
        taxEn.call(WsClient.msg("offer.accept").put("requestId", first.path("requestId").asText()));
        assertThat(n1).isLessThan(n2);
    }

    @Test
    void declineAndTimeoutMoveTheOfferOnAndMissedOffersSetAHelperAway() throws Exception {
        start(java.util.Map.of("pairing.offer.timeout", "PT1S", "pairing.auto.away.after", "2"));
        WsClient taxEn = available("taxEn"); // proficiency 5: first choice
        WsClient multi = available("multi"); // proficiency 3: second choice

        String r1 = applicant("a1").call(request("tax-registration", "zh")).path("requestId").asText();
        offerFor(taxEn, r1);
        JsonNode declined = taxEn.call(WsClient.msg("offer.decline").put("requestId", r1));
        assertThat(declined.path("presence").path("missedOffers").asInt()).isEqualTo(1);
        offerFor(multi, r1); // moved on to the next eligible helper
        // multi does not answer: the offer times out and is withdrawn.
        multi.await("offer.withdrawn", n -> n.path("requestId").asText().equals(r1) && n.path("reason").asText().equals("TIMEOUT"), WAIT);

        // A second miss in a row sets taxEn away, with the reason told.
        String r2 = applicant("a2").call(request("tax-registration", "zh")).path("requestId").asText();
        offerFor(taxEn, r2);
        taxEn.call(WsClient.msg("offer.decline").put("requestId", r2));
        JsonNode away = taxEn.await("presence", n -> n.path("status").asText().equals("away"), WAIT);
        assertThat(away.path("reason").asText()).contains("MISSED_OFFERS");
    }

    @Test
    void aHelperAtItsMaximumGetsNoOffer() throws Exception {
        defaults();
        WsClient multi = available("multi"); // at most two sessions
        for (String a : List.of("a1", "a2")) {
            String r = applicant(a).call(request("residence-permit", "zh")).path("requestId").asText();
            offerFor(multi, r);
            multi.call(WsClient.msg("offer.accept").put("requestId", r));
        }
        String third = applicant("a3").call(request("residence-permit", "zh")).path("requestId").asText();
        // Another eligible helper comes online: the third request goes to it, never to multi.
        WsClient helper2 = available("helper2");
        offerFor(helper2, third);
        assertThat(multi.has("offer", n -> n.path("requestId").asText().equals(third))).isFalse();
        JsonNode presence = multi.call(WsClient.msg("presence.set").put("status", "available"));
        assertThat(presence.path("status").asText()).isEqualTo("busy");
        assertThat(presence.path("activeSessions").asInt()).isEqualTo(2);
    }

    @Test
    void wrapUpIsRespectedAndCanBeEndedEarly() throws Exception {
        start(java.util.Map.of("pairing.wrapup", "PT2S"));
        WsClient taxEn = available("taxEn");
        WsClient a1 = applicant("a1");
        String r1 = a1.call(request("tax-registration", "zh")).path("requestId").asText();
        offerFor(taxEn, r1);
        String s1 = taxEn.call(WsClient.msg("offer.accept").put("requestId", r1)).path("sessionId").asText();
        a1.await("session.started");
        long wrapUpUntil = taxEn.call(WsClient.msg("session.end").put("sessionId", s1)).path("wrapUpUntil").asLong();
        a1.await("session.ended");

        String r2 = applicant("a2").call(request("tax-registration", "zh")).path("requestId").asText();
        offerFor(taxEn, r2);
        assertThat(System.currentTimeMillis()).as("offer arrived after the wrap-up").isGreaterThanOrEqualTo(wrapUpUntil);
        String s2 = taxEn.call(WsClient.msg("offer.accept").put("requestId", r2)).path("sessionId").asText();
        taxEn.call(WsClient.msg("session.end").put("sessionId", s2));
        String r3 = applicant("a3").call(request("tax-registration", "zh")).path("requestId").asText();
        long ended = System.currentTimeMillis();
        taxEn.call(WsClient.msg("wrapup.end"));
        offerFor(taxEn, r3);
        assertThat(System.currentTimeMillis() - ended).as("offer came at once after wrapup.end").isLessThan(2000);
    }

    @Test
    void outsideServiceHoursTheApplicantIsOfferedACallbackWhichIsRecorded() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        start(java.util.Map.of("service.hours", "MON-SUN 00:00-23:59",
                "service.holidays", today + "," + today.plusDays(1)));
        available("taxEn");
        WsClient a = applicant("a1");
        JsonNode reply = a.call(request("tax-registration", "zh"));
        assertThat(reply.path("accepted").asBoolean()).isFalse();
        assertThat(reply.path("reason").asText()).isEqualTo("OUTSIDE_HOURS");
        assertThat(reply.path("nextOpening").asText()).startsWith(today.plusDays(2).toString().substring(0, 8));
        awaitOutcome(reply.path("requestId").asText(), "CALLBACK");
        int before = callbacksRecorded();
        JsonNode cb = a.call(WsClient.msg("callback.create").put("item", "tax-registration").put("kind", "assist")
                .put("contact", "13800001234").put("preferredTime", "明天上午").put("reason", "OUTSIDE_HOURS"));
        assertThat(cb.path("callbackId").asText()).isNotBlank();
        assertThat(callbacksRecorded()).isEqualTo(before + 1);
    }

    @Test
    void positionAndEstimatedWaitArriveAndAreConsistent() throws Exception {
        start(java.util.Map.of("queue.update.interval", "PT0.2S"));
        helper("taxEn"); // eligible but away: everyone waits
        List<WsClient> apps = new ArrayList<>();
        List<JsonNode> replies = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            WsClient a = applicant("a" + i);
            apps.add(a);
            replies.add(a.call(request("invoice-application", "zh")));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(replies.get(i).path("position").asInt()).isEqualTo(i + 1);
            assertThat(replies.get(i).path("queue").asText()).isEqualTo("税务");
        }
        assertThat(replies.get(0).path("etaSeconds").asLong()).isLessThanOrEqualTo(replies.get(1).path("etaSeconds").asLong());
        assertThat(replies.get(1).path("etaSeconds").asLong()).isLessThanOrEqualTo(replies.get(2).path("etaSeconds").asLong());

        apps.get(0).call(WsClient.msg("request.cancel").put("requestId", replies.get(0).path("requestId").asText()));
        JsonNode u2 = apps.get(1).await("queue.update", n -> n.path("position").asInt() == 1 && n.path("queueLength").asInt() == 2, WAIT);
        JsonNode u3 = apps.get(2).await("queue.update", n -> n.path("position").asInt() == 2 && n.path("queueLength").asInt() == 2, WAIT);
        assertThat(u2.path("etaSeconds").asLong()).isLessThanOrEqualTo(u3.path("etaSeconds").asLong());
        awaitOutcome(replies.get(0).path("requestId").asText(), "CANCELLED");
    }

    @Test
    void aReconnectWithinTheGracePeriodKeepsThePlaceAndNoReconnectAbandons() throws Exception {
        start(java.util.Map.of("presence.grace", "PT3S"));
        helper("taxEn");
        WsClient first = new WsClient("a1", applicantPort());
        clients.add(first);
        String token = first.call(WsClient.msg("auth.guest")).path("token").asText();
        JsonNode r = first.call(request("tax-registration", "zh"));
        WsClient other = applicant("a2");
        String r2 = other.call(request("tax-registration", "zh")).path("requestId").asText();
        first.abort();

        WsClient again = new WsClient("a1-again", applicantPort());
        clients.add(again);
        again.call(WsClient.msg("auth.token").put("token", token));
        JsonNode update = again.await("queue.update");
        assertThat(update.path("requestId").asText()).isEqualTo(r.path("requestId").asText());
        assertThat(update.path("position").asInt()).isEqualTo(1);

        other.abort(); // gone for good: abandoned after the grace period, with its wait time
        awaitOutcome(r2, "ABANDONED");
        assertThat(outcomeOf(r.path("requestId").asText())).isNull();
    }

    /**
     * With two nodes the applicant drops from the applicants' node and comes back on the helpers' node, and a helper
     * the other way round; with one node both come back where they were. Past the first node's grace period both
     * still stand where they stood: the request waits in its place and is paired, the helper stays available.
     */
    @Test
    void aReconnectToAnotherNodeWithinTheGracePeriodKeepsThePlaceAndTheHelperItsState() throws Exception {
        start(java.util.Map.of("presence.grace", "PT2S"));
        WsClient taxEn = helper("taxEn"); // logged in but away: tax requests wait
        WsClient socialZh = new WsClient("socialZh", helperPort());
        clients.add(socialZh);
        String helperToken = socialZh.call(WsClient.msg("auth.login").put("username", "socialZh")
                .put("password", TestAccounts.PASSWORD)).path("token").asText();
        socialZh.call(WsClient.msg("presence.set").put("status", "available"));

        WsClient first = new WsClient("a1", applicantPort());
        clients.add(first);
        String token = first.call(WsClient.msg("auth.guest")).path("token").asText();
        String r = first.call(request("tax-registration", "zh")).path("requestId").asText();
        String r2 = applicant("a2").call(request("tax-registration", "zh")).path("requestId").asText();

        first.abort();
        socialZh.abort();
        WsClient again = new WsClient("a1-elsewhere", helperPort());
        clients.add(again);
        again.call(WsClient.msg("auth.token").put("token", token));
        JsonNode update = again.await("queue.update");
        assertThat(update.path("requestId").asText()).isEqualTo(r);
        assertThat(update.path("position").asInt()).isEqualTo(1);
        WsClient socialAgain = new WsClient("socialZh-elsewhere", applicantPort());
        clients.add(socialAgain);
        JsonNode back = socialAgain.call(WsClient.msg("auth.token").put("token", helperToken));
        assertThat(back.path("presence").path("status").asText()).isEqualTo("available");

        // every grace period has run out, on the node that saw the drops too
        awaitNoGracePending();
        assertThat(outcomeOf(r)).as("the request of the applicant who came back").isNull();
        assertThat(outcomeOf(r2)).isNull();

        taxEn.call(WsClient.msg("presence.set").put("status", "available"));
        offerFor(taxEn, r);
        taxEn.call(WsClient.msg("offer.accept").put("requestId", r));
        JsonNode started = again.await("session.started", n -> n.path("requestId").asText().equals(r), WAIT);
        assertThat(started.path("helperId").asText()).isEqualTo(TestAccounts.idOf("taxEn"));
        String social = applicant("a3").call(request("social-insurance", "zh")).path("requestId").asText();
        JsonNode offer = socialAgain.await("offer", n -> n.path("requestId").asText().equals(social), WAIT);
        assertThat(offer.path("item").asText()).isEqualTo("social-insurance");
        assertThat(socialAgain.has("presence", n -> !"available".equals(n.path("status").asText()))).isFalse();
    }

    /** Waits until no node has a principal inside its grace period (read from each node's /metrics). */
    void awaitNoGracePending() {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (true) {
            double pending = metric(helperPort(), "bangban_presence_grace_pending")
                    + (applicantPort() == helperPort() ? 0 : metric(applicantPort(), "bangban_presence_grace_pending"));
            if (pending == 0) return;
            if (System.currentTimeMillis() > deadline) throw new AssertionError(pending + " grace period(s) still pending");
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // poll /metrics
        }
    }

    static double metric(int port, String name) {
        try {
            String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot read /metrics on port " + port + ": " + e, e);
        }
    }

    @Test
    void aHelperTransfersALiveSessionToAnotherHelper() throws Exception {
        defaults();
        WsClient taxEn = available("taxEn");
        WsClient multi = available("multi");
        WsClient a = applicant("a1");
        String r = a.call(request("tax-registration", "zh")).path("requestId").asText();
        offerFor(taxEn, r);
        String s = taxEn.call(WsClient.msg("offer.accept").put("requestId", r)).path("sessionId").asText();
        a.await("session.started");

        JsonNode t = taxEn.call(WsClient.msg("session.transfer").put("sessionId", s).put("toHelper", TestAccounts.idOf("multi")));
        String newRequest = t.path("requestId").asText();
        a.await("session.transferred", n -> n.path("requestId").asText().equals(newRequest), WAIT);
        JsonNode offer = offerFor(multi, newRequest);
        assertThat(offer.path("transfer").asBoolean()).isTrue();
        multi.call(WsClient.msg("offer.accept").put("requestId", newRequest));
        JsonNode started = a.await("session.started", n -> n.path("helperId").asText().equals(TestAccounts.idOf("multi")), WAIT);
        assertThat(started.path("requestId").asText()).isEqualTo(newRequest);
    }

    @Test
    void badInputGetsErrorsAndTheConnectionSurvives() throws Exception {
        defaults();
        WsClient c = new WsClient("bad", applicantPort());
        clients.add(c);
        // Before authentication.
        assertError(c.callRaw(request("tax-registration", "zh")), "unauthenticated");
        c.sendRaw("{not json");
        c.await("error", n -> n.path("code").asText().equals("malformed"), WAIT);
        c.sendRaw("[1,2,3]");
        c.await("error", n -> n.path("code").asText().equals("malformed"), WAIT);
        assertError(c.callRaw(WsClient.msg("no.such.type")), "unknown_type");
        c.sendRaw("{\"type\":\"ping\"}");
        c.await("error", n -> n.path("code").asText().equals("invalid"), WAIT);
        c.sendRaw("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        c.await("error", n -> n.path("code").asText().equals("too_large"), WAIT);
        assertError(c.callRaw(WsClient.msg("auth.token").put("token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged")), "auth_failed");
        assertError(c.callRaw(WsClient.msg("auth.login").put("username", "taxEn").put("password", "wrong")), "auth_failed");

        c.call(WsClient.msg("auth.guest"));
        assertError(c.callRaw(WsClient.msg("offer.accept").put("requestId", "r1")), "forbidden");
        assertError(c.callRaw(WsClient.msg("presence.set").put("status", "available")), "forbidden");
        assertError(c.callRaw(request("no-such-item", "zh")), "not_found");
        assertError(c.callRaw(request("social-insurance", "zh").put("kind", "delegate")), "invalid");
        assertError(c.callRaw(request("tax-registration", "zh").put("green", "vip")), "invalid");

        // Another applicant's request is not found for this one: nothing leaks.
        helper("taxEn");
        String theirs = applicant("victim").call(request("tax-registration", "zh")).path("requestId").asText();
        assertError(c.callRaw(WsClient.msg("request.cancel").put("requestId", theirs)), "not_found");
        assertThat(outcomeOf(theirs)).isNull();

        // A helper cannot act on a session it does not hold.
        WsClient multi = helper("multi");
        assertError(multi.callRaw(WsClient.msg("session.end").put("sessionId", "s-not-yours")), "not_found");
        assertError(multi.callRaw(WsClient.msg("offer.accept").put("requestId", theirs)), "not_found");

        // Flooding: messages past the rate are dropped with an error; the connection stays.
        for (int i = 0; i < 200; i++) c.send(WsClient.msg("ping"));
        c.await("error", n -> n.path("code").asText().equals("rate_limited") && n.path("id").asText().startsWith("bad-"), WAIT);
        JsonNode pong = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (pong == null && System.currentTimeMillis() < deadline) {
            JsonNode reply = c.callRaw(WsClient.msg("ping"));
            if ("ok".equals(reply.path("type").asText())) pong = reply;
        }
        assertThat(pong).as("the connection still answers after the flood").isNotNull();
        assertThat(c.isClosed()).isFalse();
    }

    static void assertError(JsonNode reply, String code) {
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("error");
        assertThat(reply.path("code").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("message").asText()).isNotBlank();
    }

    void awaitOutcome(String requestId, String outcome) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        String seen = null;
        while (System.currentTimeMillis() < deadline) {
            seen = outcomeOf(requestId);
            if (outcome.equals(seen)) return;
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll the record store
        }
        throw new AssertionError("request " + requestId + " ended as " + seen + ", expected " + outcome);
    }
}
