package org.bangban.relay.media;

import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.ice.IceCredentials;
import org.bangban.relay.sdp.LocalParameters;

/** What a room needs from the relay that holds it. */
interface RelayContext {

    WebRtcTransport newTransport(Endpoint owner, WebRtcTransport.Direction direction);

    /** Gives a transport new ICE credentials and re-registers it under its new ufrag. */
    void restartIce(WebRtcTransport transport);

    void closeTransport(WebRtcTransport transport);

    LocalParameters localParameters(IceCredentials credentials, long sessionId);

    RelayEvents events();

    RelayCounters counters();

    void roomClosed(Room room);
}
