package org.bangban.live;

import java.util.function.BiConsumer;

/**
 * Delivers server messages to a principal's connections wherever they are: on this node or, with Redis, on
 * another node. Also carries "kicks": a nudge to every node's pairing loop that the queue changed.
 */
public interface MessageBus extends AutoCloseable {

    /** Sends a JSON message to every connection of {@code principalId}, on any node. */
    void deliver(String principalId, String json);

    /**
     * Sends a JSON message to the connections of {@code principalId} on this node only: for what each node makes for
     * its own connections (queue updates), which other nodes need not carry. Published nowhere.
     */
    void deliverHere(String principalId, String json);

    /** Nudges every node's pairing loop (this one included). */
    void kick();

    /** Where this node hands deliveries for its own connections: (principalId, json). */
    void onDelivery(BiConsumer<String, String> localDelivery);

    /** What this node runs on a kick. */
    void onKick(Runnable kick);

    @Override
    void close();
}
