package org.bangban.relay.control;

import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relay's control API (docs/relay-api.md): what the signaling server asks of a relay. The
 * in-process relay implements it directly; {@code HttpRelayClient} carries the same calls to a
 * relay running as its own process. Refusals are {@link RelayException}s with a stable code.
 *
 * <p>A browser talks to the relay over two transports, like mediasoup and LiveKit do: a
 * <em>publish</em> transport whose offers the browser makes ({@link #applyOffer}), and a
 * <em>subscribe</em> transport whose offers the relay makes ({@link #createOffer},
 * {@link #applyAnswer}). Each side only ever offers for the direction it owns, so there is no
 * glare.
 */
public interface RelayControl {

    /** Creates a room (one assistance session); creating an existing one is a no-op. */
    RoomInfo createRoom(String roomId);

    /** Closes a room and every endpoint in it. Unknown rooms are ignored. */
    void closeRoom(String roomId, String reason);

    /**
     * Adds an endpoint. Participants receive every other participant's tracks unless routing
     * says otherwise; observers receive every participant's tracks and send nothing anyone gets
     * until routed (whisper, barge-in).
     */
    EndpointInfo createEndpoint(String roomId, String endpointId, EndpointRole role);

    /** Sets exactly which of {@code sourceId}'s tracks {@code receiverId} receives (empty: none). */
    void route(String roomId, String receiverId, String sourceId, Set<TrackSource> tracks);

    /**
     * Applies the browser's offer on the endpoint's publish transport and returns the relay's
     * answer. {@code sourcesByMid} says what each sending m-line carries.
     */
    String applyOffer(String roomId, String endpointId, String offerSdp, Map<String, TrackSource> sourcesByMid);

    /**
     * The relay's offer for the endpoint's subscribe transport, with every stream routed to it
     * (empty when nothing is routed to it yet). {@code iceRestart} makes new ICE credentials.
     */
    Optional<String> createOffer(String roomId, String endpointId, boolean iceRestart);

    /** Applies the browser's answer to the last offer of {@link #createOffer}. */
    void applyAnswer(String roomId, String endpointId, String answerSdp);

    EndpointStats endpointStats(String roomId, String endpointId);

    RelayStats stats();

    /** Closes one endpoint; unknown ids are ignored. */
    void closeEndpoint(String roomId, String endpointId, String reason);

    /** Where the relay reports events; replaces any earlier listener. */
    void setEvents(RelayEvents events);
}
