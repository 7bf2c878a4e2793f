package org.bangban.live;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message bus of a deployment of many nodes, over Redis pub/sub on two channels: {@code <prefix>:deliver}
 * (a message for a principal) and {@code <prefix>:kick} (the queue changed, run the pairing loop).
 *
 * <p><b>Trade-off:</b> every delivery goes to every node, and each node hands it to its local handler, which drops
 * it when the principal has no connection there. Nothing needs to know where a principal is connected, and a
 * reconnect to another node needs no bookkeeping; the price is traffic and work growing with the number of
 * nodes. That is fine for a handful of nodes; for many, publish per principal (a channel each, or a directory of
 * principal → node) instead. Pub/sub is fire-and-forget: a node that is disconnected from Redis misses what was
 * published meanwhile (its own connections are then also cut off from the other nodes' changes; clients recover
 * by reconnecting and reading state afresh).
 *
 * <p>This node's own deliveries and kicks are handed to its handlers at once on the caller's thread and published
 * for the others; each message carries the id of the node that sent it, so the echo that Redis sends back to this
 * node is ignored and nothing is handled twice. Messages from other nodes are handed over in the order they
 * arrive on one thread of this bus ({@code bangban-bus-<prefix>}), never on Redis I/O threads, so a handler may
 * block or call Redis itself. Local and remote messages thus come on different threads: handlers must be
 * thread-safe (as with {@link LocalMessageBus}, whose callers are many threads).
 */
public final class RedisMessageBus implements MessageBus {
    private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final RedisKeys keys;
    private final RedisClient ownedClient;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final ExecutorService handlers;
    private volatile BiConsumer<String, String> delivery = (p, j) -> { };
    private volatile Runnable kick = () -> { };
    /** Set by {@link #close()}: a publish that fails after it is the stop's doing, not worth a warning. */
    private volatile boolean closed;

    /**
     * Subscribes with a client the caller owns (and shuts down); {@link #close()} closes only the connections
     * opened here. Once constructed, this bus receives every message published on the prefix.
     */
    public RedisMessageBus(RedisClient client, String keyPrefix) {
        this(client, false, keyPrefix);
    }

    /** Connects to the Redis at {@code redisUrl} (e.g. {@code redis://host:6379/0}) with a client of its own. */
    public static RedisMessageBus connect(String redisUrl, String keyPrefix) {
        RedisClient client = RedisConnections.client(redisUrl, "the message bus");
        try {
            return new RedisMessageBus(client, true, keyPrefix);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private RedisMessageBus(RedisClient client, boolean ownsClient, String keyPrefix) {
        this.keys = new RedisKeys(keyPrefix);
        this.handlers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bangban-bus-" + keyPrefix);
            t.setDaemon(true);
            return t;
        });
        StatefulRedisConnection<String, String> pub = null;
        StatefulRedisPubSubConnection<String, String> sub = null;
        try {
            pub = RedisConnections.connect(client, "the message bus", keyPrefix);
            sub = RedisConnections.connectPubSub(client, "the message bus", keyPrefix);
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received(channel, message);
                }
            });
            sub.sync().subscribe(keys.deliverChannel(), keys.kickChannel());
        } catch (RuntimeException e) {
            if (sub != null) sub.close();
            if (pub != null) pub.close();
            handlers.shutdownNow();
            throw e instanceof RedisException
                    ? new IllegalStateException("Cannot subscribe to the message bus channels " + keys.deliverChannel()
                    + " and " + keys.kickChannel() + " in Redis: " + e.getMessage()
                    + ". Check that Redis is up and allows SUBSCRIBE for this user.", e)
                    : e;
        }
        this.publisher = pub;
        this.subscriber = sub;
        this.ownedClient = ownsClient ? client : null;
    }

    @Override
    public void deliver(String principalId, String json) {
        handle(() -> delivery.accept(principalId, json), "a delivery");
        publish(keys.deliverChannel(), RedisBusFrame.delivery(nodeId, principalId, json));
    }

    @Override
    public void deliverHere(String principalId, String json) {
        handle(() -> delivery.accept(principalId, json), "a delivery");
    }

    @Override
    public void kick() {
        handle(() -> kick.run(), "a kick");
        publish(keys.kickChannel(), RedisBusFrame.kick(nodeId));
    }

    @Override
    public void onDelivery(BiConsumer<String, String> localDelivery) {
        this.delivery = localDelivery;
    }

    @Override
    public void onKick(Runnable kick) {
        this.kick = kick;
    }

    /** Stops receiving, closes the connections opened here and the client when {@link #connect} made it. */
    @Override
    public void close() {
        closed = true;
        subscriber.close();
        publisher.close();
        handlers.shutdown();
        if (ownedClient != null) ownedClient.shutdown();
    }

    /** True when the frame was published by this node: its node id, then a space or nothing (a kick). */
    private boolean isOwnEcho(String message) {
        return message.startsWith(nodeId)
                && (message.length() == nodeId.length() || message.charAt(nodeId.length()) == ' ');
    }

    private void publish(String channel, String frame) {
        publisher.async().publish(channel, frame).whenComplete((receivers, failure) -> {
            if (failure != null && !closed) {
                log.warn("Could not publish on {} to the other nodes: {}. Check that Redis is up; connections on "
                        + "other nodes miss this message.", channel, failure.toString());
            }
        });
    }

    private void received(String channel, String message) {
        if (isOwnEcho(message)) return; // handled when sent (checked before parsing: most traffic is echoes)
        RedisBusFrame frame;
        try {
            frame = RedisBusFrame.parse(message);
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a message on {} that is not a bus frame ({}); is another program or an incompatible "
                    + "version publishing on this key prefix?", channel, e.getMessage());
            return;
        }
        Runnable work;
        if (channel.equals(keys.deliverChannel()) && frame.principalId() != null) {
            work = () -> handle(() -> delivery.accept(frame.principalId(), frame.json()), "a delivery");
        } else if (channel.equals(keys.kickChannel())) {
            work = () -> handle(() -> kick.run(), "a kick");
        } else {
            return;
        }
        try {
            handlers.execute(work);
        } catch (RejectedExecutionException e) {
            // closing: nothing left to hand over to
        }
    }

    private static void handle(Runnable handler, String what) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            log.error("The handler of {} failed; the bus goes on with the next message", what, e);
        }
    }
}
