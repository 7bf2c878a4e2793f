package org.bangban.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangban.queue.HelpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live-state contract on Redis, with two clients standing for two nodes sharing one key prefix. Each test
 * gets its own prefix under the run's random prefix; at the end every key of the run is deleted.
 */
class RedisLiveStateTest extends LiveStateContract {
    private static final String RUN_PREFIX = RedisTestSupport.randomPrefix();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static RedisClient nodeA;
    private static RedisClient nodeB;

    private String prefix;

    @BeforeAll
    static void connect() {
        nodeA = RedisTestSupport.client();
        nodeB = RedisTestSupport.client();
    }

    @AfterAll
    static void deleteKeysAndDisconnect() {
        try {
            if (nodeA != null) RedisTestSupport.deleteAllKeys(nodeA, RUN_PREFIX);
        } finally {
            if (nodeA != null) nodeA.shutdown();
            if (nodeB != null) nodeB.shutdown();
        }
    }

    @Override
    protected LiveState newState() {
        prefix = RUN_PREFIX + ":t" + TESTS.incrementAndGet();
        return new RedisLiveState(nodeA, prefix, MAPPER);
    }

    @Override
    protected LiveState sameStateOnAnotherNode() {
        return new RedisLiveState(nodeB, prefix, MAPPER);
    }

    @Test
    void everyKeyStartsWithThePrefix() {
        available("h1", 1);
        queued("req-1", "a1", T0);
        queued("req-2", "a2", T0 + 1);
        state.tryOffer("req-1", "h1", T0, T0 + 30_000).orElseThrow();
        state.release("req-1", "h1", NO_AUTO_AWAY, null, T0 + 1);
        inSession("req-2", "h1", T0 + 2);

        try (StatefulRedisConnection<String, String> c = nodeA.connect()) {
            assertThat(c.sync().keys(prefix + ":*")).contains(prefix + ":queue", prefix + ":helper:h1",
                    prefix + ":sessions", prefix + ":principal-sessions:a2", prefix + ":declined");
        }
    }

    @Test
    void connectionMarksExpireByThemselvesOnRedisTime() {
        state.markConnected(java.util.List.of("a1", "a2"), "node-a", T0, 5_000);
        state.markDeparted("a2", "node-a", T0 + 1, 60_000);
        try (StatefulRedisConnection<String, String> c = nodeA.connect()) {
            assertThat(c.sync().pttl(prefix + ":connected:a1")).isBetween(1L, 5_000L);
            assertThat(c.sync().pttl(prefix + ":connected:a2")).isBetween(5_001L, 60_000L);
        }
    }

    @Test
    void aScriptMissingFromTheRedisCacheIsSentInFull() {
        try (StatefulRedisConnection<String, String> c = nodeA.connect()) {
            RedisCommands<String, String> real = c.sync();
            AtomicInteger missing = new AtomicInteger();
            @SuppressWarnings("unchecked")
            RedisCommands<String, String> forgetful = (RedisCommands<String, String>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                        if (method.getName().equals("evalsha")) {
                            missing.incrementAndGet();
                            throw new RedisNoScriptException("NOSCRIPT No matching script. Please use EVAL.");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            RedisScripts scripts = new RedisScripts(forgetful, "enqueue");
            String result = scripts.run("enqueue", io.lettuce.core.ScriptOutputType.VALUE, prefix, "req-1", "a1",
                    Long.toString(T0), new RedisLiveCodec(MAPPER).requestJson(request("req-1", "a1", T0)), "", "10");

            assertThat(result).isEqualTo("QUEUED");
            assertThat(missing).hasValue(1);
            assertThat(state.waitingRequest("req-1")).contains(request("req-1", "a1", T0));
        }
    }

    @Test
    void requestsQueuedByAnOlderVersionAreFiledUnderTheirLanguageByAPassAndAtStart() {
        available("h1", 1);
        queued("req-new", "a0", T0 + 5);
        RedisLiveCodec codec = new RedisLiveCodec(MAPPER);
        try (StatefulRedisConnection<String, String> c = nodeA.connect()) {
            // as a node before per-language queues enqueued: no queue name, no language
            RedisScripts older = new RedisScripts(c.sync(), "enqueue");
            older.run("enqueue", io.lettuce.core.ScriptOutputType.VALUE, prefix, "req-old", "a1", Long.toString(T0),
                    codec.requestJson(request("req-old", "a1", T0)), "", "10");

            assertThat(state.pairingSnapshot(0, ZH).waiting()).extracting(HelpRequest::id)
                    .containsExactly("req-old", "req-new");
            assertThat(c.sync().hget(prefix + ":request-language", "req-old")).isEqualTo("zh");

            older.run("enqueue", io.lettuce.core.ScriptOutputType.VALUE, prefix, "req-en", "a2", Long.toString(T0 + 1),
                    codec.requestJson(inLanguage("req-en", "a2", T0 + 1, "en")), "", "10");
            LiveState started = otherNode();
            assertThat(c.sync().hget(prefix + ":request-language", "req-en")).isEqualTo("en");
            assertThat(c.sync().zrange(prefix + ":queue-language:en", 0, -1)).containsExactly("req-en");
            assertThat(started.pairingSnapshot(0, java.util.Set.of("en", "zh")).waiting()).extracting(HelpRequest::id)
                    .containsExactly("req-old", "req-en", "req-new");
            started.withdraw("req-en").orElseThrow();
            assertThat(c.sync().exists(prefix + ":queue-language:en")).isZero();
            assertThat(c.sync().hget(prefix + ":request-language", "req-en")).isNull();
        }
    }

    @Test
    void anUnreachableRedisIsReportedWithWhatToCheck() {
        assertThatThrownBy(() -> RedisLiveState.connect("redis://127.0.0.1:1", "bangban", MAPPER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot connect to Redis for the live state (key prefix 'bangban')")
                .hasMessageContaining("Check redis.url");
        assertThatThrownBy(() -> RedisLiveState.connect("http://nowhere", "bangban", MAPPER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://host:port/db");
        assertThatThrownBy(() -> new RedisLiveState(nodeA, " ", MAPPER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key prefix");
    }
}
