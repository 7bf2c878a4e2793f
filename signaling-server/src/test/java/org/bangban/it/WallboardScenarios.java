package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisors' wallboard feed ({@code wallboard.subscribe}) with real WebSocket clients: queues, helpers and live
 * sessions as they change, today's outcomes from the record store, media and monitoring supervisors, at most one push
 * a second, only to subscribers, only for supervisors. Subclasses choose the topology.
 */
abstract class WallboardScenarios {
    static final Duration WAIT = Duration.ofSeconds(5);
    private final List<WsClient> clients = new ArrayList<>();
    private final java.util.Map<WsClient, String> principals = new java.util.HashMap<>();

    abstract void start() throws Exception;

    /** Where the supervisors connect. */
    abstract int supervisorPort();

    /** Where the helper and the applicants connect. */
    abstract int servicePort();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    WsClient client(String name, int port) {
        WsClient c = new WsClient(name, port);
        clients.add(c);
        return c;
    }

    WsClient login(String name, String username, int port) {
        WsClient c = client(name, port);
        principals.put(c, c.call(WsClient.msg("auth.login").put("username", username)
                .put("password", TestAccounts.PASSWORD)).path("principalId").asText());
        return c;
    }

    /** The wallboard pushes a subscriber consumed, in order. */
    static final class Board {
        final WsClient client;
        final List<JsonNode> seen = new ArrayList<>();

        Board(WsClient client) {
            this.client = client;
        }

        /** Consumes pushes in order until one matches; every push within {@link #WAIT}. */
        JsonNode until(String what, Predicate<JsonNode> p) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                JsonNode n = client.await(m -> "wallboard".equals(m.path("type").asText()), Duration.ofMillis(left),
                        "a wallboard push showing " + what + "; last seen " + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
                seen.add(n);
                if (p.test(n)) return n;
            }
        }
    }

    static JsonNode queue(JsonNode board, String name) {
        for (JsonNode q : board.path("queues")) if (name.equals(q.path("queue").asText())) return q;
        throw new AssertionError("no queue " + name + " in " + board);
    }

    static JsonNode helper(JsonNode board, String id) {
        for (JsonNode h : board.path("helpers")) if (id.equals(h.path("id").asText())) return h;
        return null;
    }

    @Test
    void supervisorsSeeQueuesHelpersAndSessionsChangeAtMostOnceASecond() throws Exception {
        start();
        WsClient supervisor = login("supervisor", "supervisor1", supervisorPort());
        assertThat(supervisor.call(WsClient.msg("wallboard.subscribe")).path("subscribed").asBoolean()).isTrue();
        Board board = new Board(supervisor);
        JsonNode first = board.until("the queues of the catalog", n -> n.path("queues").size() > 0);
        assertThat(queue(first, "税务").path("waiting").asInt()).isZero();
        assertThat(first.path("serviceLevelSeconds").asDouble()).isEqualTo(60.0);
        assertThat(first.path("helpersByState").has("available")).isTrue();

        // a helper becomes available
        WsClient helper = login("helper", "helper1", servicePort());
        String helperId = helper.call(WsClient.msg("presence.set").put("status", "available")).path("helperId").asText();
        board.until("helper1 available", n -> helper(n, helperId) != null
                && "available".equals(helper(n, helperId).path("status").asText()));

        // an applicant waits (the offer is not taken yet): the queue shows it and its wait
        WsClient applicant = client("applicant", servicePort());
        String applicantId = applicant.call(WsClient.msg("auth.guest")).path("principalId").asText();
        long before = System.currentTimeMillis();
        String requestId = applicant.call(WsClient.msg("request.create").put("item", "tax-registration")
                .put("kind", "assist").put("language", "zh").put("description", "wallboard")).path("requestId").asText();
        JsonNode waiting = board.until("one waiting in 税务", n -> queue(n, "税务").path("waiting").asInt() == 1);
        assertThat(queue(waiting, "税务").path("oldestArrivedAt").asLong()).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(queue(waiting, "税务").path("longestWaitMs").asLong()).isGreaterThanOrEqualTo(0);

        // the helper accepts: a live session, the queue empties, today's outcome counts
        helper.await("offer", n -> n.path("requestId").asText().equals(requestId), WAIT);
        String sessionId = helper.call(WsClient.msg("offer.accept").put("requestId", requestId)).path("sessionId").asText();
        JsonNode live = board.until("the session", n -> n.path("sessions").size() == 1
                && queue(n, "税务").path("today").path("answered").asLong() == 1);
        JsonNode s = live.path("sessions").get(0);
        assertThat(s.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(s.path("itemId").asText()).isEqualTo("tax-registration");
        assertThat(s.path("itemNameZh").asText()).isEqualTo("新办纳税人套餐");
        assertThat(s.path("helperId").asText()).isEqualTo(helperId);
        assertThat(s.path("helperName").asText()).isEqualTo("帮办员 张敏");
        assertThat(s.path("applicant").asText()).isEqualTo("guest:…" + applicantId.substring(applicantId.length() - 4))
                .doesNotContain(applicantId);
        assertThat(s.path("startedAt").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(s.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode tax = queue(live, "税务");
        assertThat(tax.path("waiting").asInt()).isZero();
        assertThat(tax.path("today").path("serviceLevel").asDouble()).isEqualTo(1.0);
        assertThat(tax.path("today").path("abandonmentRate").asDouble()).isEqualTo(0.0);
        assertThat(live.path("helpersByState").path("busy").asInt()).isEqualTo(1);

        // media used (the browsers' captured offers) and a supervisor monitoring, read from the record store
        applicant.call(WsClient.msg("media.offer").put("sessionId", sessionId)
                .put("sdp", SessionFeedScenarios.sdp("chromium-156-av-screen-offer.sdp"))
                .set("sources", SessionFeedScenarios.JSON.createObjectNode().put("0", "microphone").put("1", "camera")
                        .put("2", "screen")));
        supervisor.call(WsClient.msg("monitor.start").put("sessionId", sessionId));
        String supervisorId = principals.get(supervisor);
        JsonNode watched = board.until("media and the monitoring supervisor", n -> n.path("sessions").size() == 1
                && n.path("sessions").get(0).path("media").size() == 3
                && n.path("sessions").get(0).path("monitoring").size() == 1);
        assertThat(watched.path("sessions").get(0).path("media").toString()).isEqualTo("[\"audio\",\"video\",\"screen\"]");
        assertThat(watched.path("sessions").get(0).path("monitoring").get(0).asText()).isEqualTo(supervisorId);

        // another applicant gives up waiting: counted today
        WsClient second = client("second", servicePort());
        second.call(WsClient.msg("auth.guest"));
        String r2 = second.call(WsClient.msg("request.create").put("item", "invoice-application").put("kind", "assist")
                .put("language", "zh")).path("requestId").asText();
        second.call(WsClient.msg("request.cancel").put("requestId", r2));
        JsonNode cancelled = board.until("a cancelled request", n -> queue(n, "税务").path("today").path("cancelled").asLong() == 1);
        assertThat(queue(cancelled, "税务").path("today").path("ended").asLong()).isEqualTo(2);

        // only subscribers get pushes: a second dashboard subscribes, the first leaves
        WsClient other = login("other", "supervisor1", supervisorPort());
        other.call(WsClient.msg("wallboard.subscribe"));
        Board otherBoard = new Board(other);
        otherBoard.until("the current picture", n -> n.path("sessions").size() == 1);
        assertThat(supervisor.call(WsClient.msg("wallboard.unsubscribe")).path("unsubscribed").asBoolean()).isTrue();
        assertThat(supervisor.call(WsClient.msg("wallboard.unsubscribe")).path("unsubscribed").asBoolean()).isFalse();
        supervisor.call(WsClient.msg("session.end").put("sessionId", sessionId));
        otherBoard.until("the session gone", n -> n.path("sessions").isEmpty());
        supervisor.call(WsClient.msg("ping"));
        assertThat(supervisor.has("wallboard", n -> n.path("sessions").isEmpty()))
                .as("no push after unsubscribing").isFalse();

        // at most one push a second to a subscriber (the first, answering the subscription, aside)
        for (List<JsonNode> seen : List.of(board.seen, otherBoard.seen)) {
            for (int i = 2; i < seen.size(); i++) {
                long gap = seen.get(i).path("serverTime").asLong() - seen.get(i - 1).path("serverTime").asLong();
                assertThat(gap).as("gap between pushes %d and %d", i - 1, i).isGreaterThanOrEqualTo(950);
            }
        }

        // supervisors only
        PairingScenarios.assertError(helper.callRaw(WsClient.msg("wallboard.subscribe")), "forbidden");
        PairingScenarios.assertError(applicant.callRaw(WsClient.msg("wallboard.subscribe")), "forbidden");
        PairingScenarios.assertError(client("anonymous", supervisorPort()).callRaw(WsClient.msg("wallboard.subscribe")),
                "unauthenticated");

        // counted in the metrics
        String metrics = SessionFeedScenarios.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + supervisorPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("bangban_wallboard_subscribers\\{[^}]*\\} 1\\.0");
        assertThat(metrics).containsPattern("bangban_wallboard_pushes_total\\{[^}]*\\} [1-9]");
        assertThat(metrics).contains("bangban_wallboard_compose_seconds");
    }
}
