package org.bangban.relay.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RelayEvents} listener that records each event as one line: {@code negotiation-needed ROOM ENDPOINT},
 * {@code endpoint-closed ROOM ENDPOINT}, {@code room-closed ROOM}.
 */
public final class RecordingEvents implements RelayEvents {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void negotiationNeeded(String roomId, String endpointId) {
        events.add("negotiation-needed " + roomId + " " + endpointId);
    }

    @Override
    public void endpointClosed(String roomId, String endpointId, String reason) {
        events.add("endpoint-closed " + roomId + " " + endpointId);
    }

    @Override
    public void roomClosed(String roomId, String reason) {
        events.add("room-closed " + roomId);
    }

    /** The events so far, oldest first. */
    public List<String> events() {
        return List.copyOf(events);
    }

    public boolean contains(String event) {
        return events.contains(event);
    }
}
