package org.bangban.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.live.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Stopping a node on Redis while WebSocket clients keep it busy, with Redis paused for 6 s just before (longer than Jetty waits for its threads when it stops), so that
 * messages are caught half-way through their Redis commands: those finish and are answered, messages that arrive
 * while the node drains are answered {@code unavailable} at once, no client gets {@code internal}, and the server
 * logs neither ERROR nor WARN.
 */
class DrainUnderRedisLoadTest {
    @TempDir
    Path dir;
    TestNode node;
    String prefix;
    final List<WsClient> clients = new ArrayList<>();
    final Captured log = new Captured();
    final AtomicBoolean stop = new AtomicBoolean();
    final ExecutorService load = Executors.newCachedThreadPool();
    static final Duration PAUSE = Duration.ofSeconds(6);

    /** Every log event of WARN and above, from every logger. */
    static final class Captured extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) events.add(e);
        }

        List<String> at(Level level) {
            return events.stream().filter(e -> e.getLevel().equals(level))
                    .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        stop.set(true);
        load.shutdownNow();
        load.awaitTermination(20, TimeUnit.SECONDS);
        clients.forEach(WsClient::close);
        if (node != null) node.close();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (prefix != null) assertThat(TwoNodes.deleteKeys(TwoNodes.REDIS, prefix)).isZero();
    }

    @Test
    void aNodeStoppedUnderLoadAnswersUnavailableAndLogsNoError() throws Exception {
        TestAccounts.createIn(dir.resolve("bangban.db"));
        prefix = "bangban-drain-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new HashMap<>();
        m.put("redis.url", TwoNodes.REDIS);
        m.put("redis.prefix", prefix);
        m.put("db.url", "jdbc:sqlite:" + dir.resolve("bangban.db").toAbsolutePath());
        m.put("token.secret", "drain-test-secret-" + UUID.randomUUID());
        m.put("ws.rate.per.second", "100000");
        m.put("ws.rate.burst", "100000");
        m.put("pairing.wrapup", "PT0S");
        m.put("presence.grace", "PT1S");
        m.put("drain.timeout", "PT20S"); // well over the pause: every message caught by it finishes
        node = TestNode.start(dir, m);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        log.setContext(context);
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);

        Map<String, AtomicLong> replies = new ConcurrentHashMap<>();
        for (String username : List.of("taxEn", "socialZh", "multi", "helper1", "helper2")) {
            WsClient h = client(username);
            h.call(WsClient.msg("auth.login").put("username", username).put("password", TestAccounts.PASSWORD));
            h.call(WsClient.msg("presence.set").put("status", "available"));
            load.execute(() -> helperLoop(h, replies));
        }
        String[] items = {"tax-registration", "social-insurance"};
        for (int i = 0; i < 24; i++) {
            WsClient a = client("a" + i);
            String item = items[i % items.length];
            load.execute(() -> applicantLoop(a, item, replies));
        }
        WsClient late = client("late");
        late.call(WsClient.msg("auth.guest"));
        WaitFor.until("load: requests made and sessions started", Duration.ofSeconds(20),
                () -> count(replies, "request.create ok") >= 100 && count(replies, "offer.accept ok") >= 10);

        // Redis holds every command for a while: the messages being handled now are caught in the middle
        RedisClient pauser = RedisClient.create(TwoNodes.REDIS);
        try (StatefulRedisConnection<String, String> c = pauser.connect()) {
            c.sync().clientPause(PAUSE.toMillis());
        } finally {
            pauser.shutdown();
        }
        long paused = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
        WaitFor.until("the node to drain", Duration.ofSeconds(5), () -> "draining".equals(node.bangban.status()));

        JsonNode refused = late.callRaw(PairingScenarios.request("tax-registration", "zh"));
        assertThat(System.nanoTime() - paused).as("answered at once, Redis still paused").isLessThan(PAUSE.toNanos());
        PairingScenarios.assertError(refused, "unavailable");
        assertThat(refused.path("message").asText()).contains("shutting down");
        assertThat(late.callRaw(WsClient.msg("ping")).path("type").asText()).isEqualTo("ok");
        late.await("server.draining");

        closing.get(30, TimeUnit.SECONDS);
        WaitFor.until("every client to be closed by the stopped node", Duration.ofSeconds(20),
                () -> clients.stream().allMatch(WsClient::isClosed));
        stop.set(true);
        assertThat(replies).as("replies by kind: " + replies).doesNotContainKey("error internal")
                .containsKey("error unavailable");
        assertThat(count(replies, "finished while draining"))
                .as("messages caught by the pause were finished and answered: " + replies).isPositive();
        assertThat(log.at(Level.ERROR)).as("ERROR lines of the server").isEmpty();
        assertThat(log.at(Level.WARN)).as("WARN lines of the server").isEmpty();
        assertThat(node.bangban.status()).isEqualTo("stopped");
    }

    private WsClient client(String name) {
        WsClient c = new WsClient(name, node.port());
        clients.add(c);
        return c;
    }

    private static long count(Map<String, AtomicLong> replies, String key) {
        AtomicLong n = replies.get(key);
        return n == null ? 0 : n.get();
    }

    private void record(Map<String, AtomicLong> replies, String type, JsonNode reply) {
        boolean ok = "ok".equals(reply.path("type").asText());
        String key = ok ? type + " ok" : "error " + reply.path("code").asText();
        replies.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (ok && !"ping".equals(type) && "draining".equals(node.bangban.status())) {
            replies.computeIfAbsent("finished while draining", k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Guest, then request.create and request.cancel over and over (sessions end when the helper ends them). */
    private void applicantLoop(WsClient a, String item, Map<String, AtomicLong> replies) {
        try {
            record(replies, "auth.guest", a.callRaw(WsClient.msg("auth.guest")));
            while (!stop.get() && !a.isClosed()) {
                JsonNode r = a.callRaw(PairingScenarios.request(item, "zh"));
                record(replies, "request.create", r);
                String requestId = r.path("data").path("requestId").asText();
                if (!requestId.isEmpty() && r.path("data").path("accepted").asBoolean()) {
                    record(replies, "request.cancel", a.callRaw(WsClient.msg("request.cancel").put("requestId", requestId)));
                }
                record(replies, "ping", a.callRaw(WsClient.msg("ping")));
            }
        } catch (AssertionError closed) {
            // the node closed the connection
        }
    }

    /** Accepts every offer and ends the session at once. */
    private void helperLoop(WsClient h, Map<String, AtomicLong> replies) {
        try {
            while (!stop.get() && !h.isClosed()) {
                JsonNode offer;
                try {
                    offer = h.await("offer", n -> true, Duration.ofMillis(200));
                } catch (AssertionError none) {
                    if (h.isClosed()) return;
                    continue;
                }
                JsonNode ok = h.callRaw(WsClient.msg("offer.accept").put("requestId", offer.path("requestId").asText()));
                record(replies, "offer.accept", ok);
                String sessionId = ok.path("data").path("sessionId").asText();
                if (!sessionId.isEmpty()) record(replies, "session.end", h.callRaw(WsClient.msg("session.end").put("sessionId", sessionId)));
            }
        } catch (AssertionError closed) {
            // the node closed the connection
        }
    }
}
