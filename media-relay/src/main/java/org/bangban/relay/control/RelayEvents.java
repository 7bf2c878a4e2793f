package org.bangban.relay.control;

/**
 * What the relay tells its controller (the signaling server) on its own initiative. Called from
 * relay threads; implementations must not block.
 */
public interface RelayEvents {

    /**
     * The endpoint's subscribe transport has new or changed outgoing streams: call
     * {@link RelayControl#createOffer} and carry the offer to the browser.
     */
    void negotiationNeeded(String roomId, String endpointId);

    /** The endpoint's media failed (consent lost, DTLS failed, idle): it has been closed. */
    void endpointClosed(String roomId, String endpointId, String reason);

    /** The room was closed (idle, or by a control request). */
    void roomClosed(String roomId, String reason);

    RelayEvents NONE = new RelayEvents() {
        @Override
        public void negotiationNeeded(String roomId, String endpointId) {
        }

        @Override
        public void endpointClosed(String roomId, String endpointId, String reason) {
        }

        @Override
        public void roomClosed(String roomId, String reason) {
        }
    };
}
