package org.bangban.relay.control;

import org.bangban.relay.room.EndpointRole;

/** An endpoint as the control API shows it. */
public record EndpointInfo(String roomId, String endpointId, EndpointRole role) {
}
