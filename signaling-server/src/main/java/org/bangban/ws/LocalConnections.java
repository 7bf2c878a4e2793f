package org.bangban.ws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The authenticated connections on this node, by principal. */
public final class LocalConnections {
    private final Map<String, Set<Connection>> byPrincipal = new ConcurrentHashMap<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();

    public LocalConnections(MeterRegistry registry) {
        Gauge.builder("bangban.ws.connections", open, AtomicInteger::get).description("Open WebSocket connections")
                .register(registry);
        Gauge.builder("bangban.ws.principals", byPrincipal, Map::size)
                .description("Authenticated principals with a connection on this node").register(registry);
    }

    void opened(Connection c) {
        all.add(c);
        open.incrementAndGet();
    }

    void closed(Connection c) {
        if (all.remove(c)) open.decrementAndGet();
    }

    void bind(String principalId, Connection c) {
        byPrincipal.computeIfAbsent(principalId, k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    /** Unbinds; true when the principal has no connection left on this node. */
    boolean unbind(String principalId, Connection c) {
        boolean[] last = {false};
        byPrincipal.computeIfPresent(principalId, (k, set) -> {
            set.remove(c);
            if (set.isEmpty()) {
                last[0] = true;
                return null;
            }
            return set;
        });
        return last[0];
    }

    /** The principals with a connection on this node (a copy). */
    public java.util.List<String> principalIds() {
        return java.util.List.copyOf(byPrincipal.keySet());
    }

    public boolean has(String principalId) {
        return byPrincipal.containsKey(principalId);
    }

    /** Sends to every connection of the principal on this node; false when it has none here. */
    public boolean deliver(String principalId, String json) {
        Set<Connection> set = byPrincipal.get(principalId);
        if (set == null) return false;
        for (Connection c : set) c.send(json);
        return true;
    }

    public void forEach(Consumer<Connection> action) {
        all.forEach(action);
    }

    public int count() {
        return open.get();
    }
}
