package org.bangban.relay.control;

import java.util.List;

/** A room as the control API shows it. */
public record RoomInfo(String roomId, List<String> endpoints) {
    public RoomInfo {
        endpoints = List.copyOf(endpoints);
    }
}
