package org.bangban.relay.room;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who receives what in one room: for every receiver, the sources (other endpoints) it receives
 * and which of their tracks. Immutable; every change makes a new matrix, so the packet path
 * reads a consistent one without locks.
 */
public final class RoutingMatrix {

    private static final RoutingMatrix EMPTY = new RoutingMatrix(Map.of());

    /** receiver → source → tracks */
    private final Map<String, Map<String, Set<TrackSource>>> routes;

    private RoutingMatrix(Map<String, Map<String, Set<TrackSource>>> routes) {
        this.routes = routes;
    }

    public static RoutingMatrix empty() {
        return EMPTY;
    }

    /** Sets exactly which of {@code source}'s tracks {@code receiver} gets (empty = none). */
    public RoutingMatrix with(String receiver, String source, Set<TrackSource> tracks) {
        if (receiver.equals(source)) {
            throw new IllegalArgumentException("an endpoint cannot receive its own tracks: " + receiver);
        }
        Map<String, Map<String, Set<TrackSource>>> copy = deepCopy();
        Map<String, Set<TrackSource>> row = copy.computeIfAbsent(receiver, r -> new LinkedHashMap<>());
        if (tracks.isEmpty()) {
            row.remove(source);
            if (row.isEmpty()) {
                copy.remove(receiver);
            }
        } else {
            row.put(source, Collections.unmodifiableSet(EnumSet.copyOf(tracks)));
        }
        return new RoutingMatrix(freeze(copy));
    }

    /** Removes an endpoint as receiver and as source. */
    public RoutingMatrix without(String endpoint) {
        Map<String, Map<String, Set<TrackSource>>> copy = deepCopy();
        copy.remove(endpoint);
        copy.values().forEach(row -> row.remove(endpoint));
        copy.values().removeIf(Map::isEmpty);
        return new RoutingMatrix(freeze(copy));
    }

    public boolean receives(String receiver, String source, TrackSource track) {
        Map<String, Set<TrackSource>> row = routes.get(receiver);
        if (row == null) {
            return false;
        }
        Set<TrackSource> tracks = row.get(source);
        return tracks != null && tracks.contains(track);
    }

    /** The sources and tracks one receiver gets, in the order they were first routed. */
    public Map<String, Set<TrackSource>> sourcesOf(String receiver) {
        return routes.getOrDefault(receiver, Map.of());
    }

    /** Every receiver with its sources, for stats and the control API. */
    public Map<String, Map<String, Set<TrackSource>>> asMap() {
        return routes;
    }

    private Map<String, Map<String, Set<TrackSource>>> deepCopy() {
        Map<String, Map<String, Set<TrackSource>>> copy = new LinkedHashMap<>();
        routes.forEach((r, row) -> copy.put(r, new LinkedHashMap<>(row)));
        return copy;
    }

    private static Map<String, Map<String, Set<TrackSource>>> freeze(Map<String, Map<String, Set<TrackSource>>> m) {
        Map<String, Map<String, Set<TrackSource>>> out = new LinkedHashMap<>();
        m.forEach((r, row) -> out.put(r, Collections.unmodifiableMap(row)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "RoutingMatrix" + routes;
    }
}
