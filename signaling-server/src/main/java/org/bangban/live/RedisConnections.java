package org.bangban.live;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Supplier;

/** Opens Redis clients and connections with errors that tell an operator what to check. */
final class RedisConnections {
    private RedisConnections() {
    }

    /** A client for {@code redisUrl}, e.g. {@code redis://host:6379/0} or {@code rediss://:password@host:6380}. */
    static RedisClient client(String redisUrl, String purpose) {
        if (redisUrl == null || redisUrl.isBlank()) {
            throw new IllegalArgumentException("no Redis URL given for " + purpose + "; set redis.url, "
                    + "e.g. redis://127.0.0.1:6379/0");
        }
        try {
            return RedisClient.create(redisUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Redis URL for " + purpose + " is not valid (" + e.getMessage()
                    + "); write it as redis://host:port/db or rediss://:password@host:port/db", e);
        }
    }

    static StatefulRedisConnection<String, String> connect(RedisClient client, String purpose, String keyPrefix) {
        return open(client::connect, purpose, keyPrefix);
    }

    static StatefulRedisPubSubConnection<String, String> connectPubSub(RedisClient client, String purpose,
                                                                        String keyPrefix) {
        return open(client::connectPubSub, purpose, keyPrefix);
    }

    private static <C> C open(Supplier<C> connect, String purpose, String keyPrefix) {
        try {
            return connect.get();
        } catch (RedisException e) {
            throw new IllegalStateException("Cannot connect to Redis for " + purpose + " (key prefix '" + keyPrefix
                    + "'): " + e.getMessage() + ". Check redis.url, that Redis is running and that this node can "
                    + "reach it.", e);
        }
    }
}
