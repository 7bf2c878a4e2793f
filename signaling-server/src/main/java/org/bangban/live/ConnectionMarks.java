package org.bangban.live;

import java.util.HashMap;
import java.util.Map;

/**
 * Where one principal is connected across the nodes, and its last departure: the nodes holding a connection of it
 * (node id → when that node's mark runs out unless refreshed) and the node and time its last connection closed
 * (null and 0 after a connect). The rule that ends a grace period is here, so every {@link LiveState} applies it
 * alike.
 *
 * @param marks         node id → epoch millis the mark runs out at
 * @param departedNode  the node whose last connection of the principal closed last, or null
 * @param departedAt    when that was (epoch millis; 0 when none)
 */
public record ConnectionMarks(Map<String, Long> marks, String departedNode, long departedAt) {
    static final ConnectionMarks NONE = new ConnectionMarks(Map.of(), null, 0);

    public ConnectionMarks {
        marks = Map.copyOf(marks);
    }

    /**
     * Whether the departure {@code nodeId} saw at {@code departedAt} still stands at {@code now}: no other node
     * holds an unexpired mark, and no later departure (of another node, or of this node at another time) replaced
     * it. A connect clears the departure; marks of a node that died run out, so they hold nothing up for long.
     */
    public boolean departureStands(String nodeId, long departedAt, long now) {
        for (Map.Entry<String, Long> m : marks.entrySet()) {
            if (!m.getKey().equals(nodeId) && m.getValue() > now) return false;
        }
        return departedNode == null || (departedNode.equals(nodeId) && this.departedAt == departedAt);
    }

    /** Marked on {@code nodeId} until {@code until}; a connect clears the last departure. */
    ConnectionMarks connected(String nodeId, long until) {
        Map<String, Long> m = new HashMap<>(marks);
        m.put(nodeId, until);
        return new ConnectionMarks(m, null, 0);
    }

    /** The last connection on {@code nodeId} closed at {@code at}: its mark goes, the departure is this one. */
    ConnectionMarks departed(String nodeId, long at) {
        Map<String, Long> m = new HashMap<>(marks);
        m.remove(nodeId);
        return new ConnectionMarks(m, nodeId, at);
    }
}
