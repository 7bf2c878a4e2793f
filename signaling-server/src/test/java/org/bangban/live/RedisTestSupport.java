package org.bangban.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real Redis the Redis tests run against: 127.0.0.1:6379, or {@code BANGBAN_TEST_REDIS_URL}. Each run uses a
 * random key prefix and deletes every key under it afterwards. An unreachable Redis fails the tests: they are
 * the only proof that many nodes can share the live state.
 */
final class RedisTestSupport {
    static final String URL = System.getenv().getOrDefault("BANGBAN_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private RedisTestSupport() {
    }

    static String randomPrefix() {
        return "bangban-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A client for the test Redis, checked with a PING; fails the test with what to do when Redis is not there. */
    static RedisClient client() {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
            return client;
        } catch (RedisException e) {
            client.shutdown();
            throw new AssertionError("Redis is not reachable at " + URL + " (" + e.getMessage() + "). The Redis "
                    + "tests (live state and message bus) need a real Redis: start one (e.g. `docker run --rm -p 6379:6379 redis:7` or "
                    + "`redis-server`) or point BANGBAN_TEST_REDIS_URL at one, e.g. redis://host:6379/15.", e);
        }
    }

    /** Deletes every key starting with {@code prefix + ":"} and asserts none remains. */
    static void deleteAllKeys(RedisClient client, String prefix) {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            List<String> found = keys(redis, prefix);
            if (!found.isEmpty()) redis.del(found.toArray(String[]::new));
            assertThat(keys(redis, prefix)).as("keys left under the prefix " + prefix + ":").isEmpty();
        }
    }

    private static List<String> keys(RedisCommands<String, String> redis, String prefix) {
        List<String> out = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(1_000);
        KeyScanCursor<String> cursor = redis.scan(match);
        out.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            out.addAll(cursor.getKeys());
        }
        return out;
    }
}
