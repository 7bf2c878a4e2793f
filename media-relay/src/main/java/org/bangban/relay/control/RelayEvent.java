package org.bangban.relay.control;

/**
 * One event in the relay's event log, as the HTTP API returns it.
 *
 * @param seq  increasing number; ask for events after the last one seen
 * @param type "negotiation-needed", "endpoint-closed" or "room-closed"
 */
public record RelayEvent(long seq, String type, String roomId, String endpointId, String reason) {
}
