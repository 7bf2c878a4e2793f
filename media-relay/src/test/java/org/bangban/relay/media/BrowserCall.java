package org.bangban.relay.media;

import org.bangban.relay.browser.Chromium;
import org.bangban.relay.room.TrackSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives peers in a real Chromium page against a relay through the in-process control API, the
 * way the signaling server does: the browser's publish offers go to {@code applyOffer}, the
 * relay's subscribe offers to the browser.
 */
final class BrowserCall {

    private final Chromium browser;
    private final MediaRelay relay;
    private final String room;
    private final boolean tcpOnly;

    BrowserCall(Chromium browser, MediaRelay relay, String room) {
        this(browser, relay, room, false);
    }

    /** @param tcpOnly hide the relay's UDP candidates from the browser, as a network that blocks UDP would */
    BrowserCall(Chromium browser, MediaRelay relay, String room, boolean tcpOnly) {
        this.browser = browser;
        this.relay = relay;
        this.room = room;
        this.tcpOnly = tcpOnly;
    }

    private String reach(String sdp) {
        if (!tcpOnly) {
            return sdp;
        }
        StringBuilder out = new StringBuilder();
        for (String line : sdp.split("\r\n")) {
            if (!(line.startsWith("a=candidate:") && line.contains(" udp "))) {
                out.append(line).append("\r\n");
            }
        }
        return out.toString();
    }

    /** The peer publishes these sources; the relay answers. */
    @SuppressWarnings("unchecked")
    void publish(String peer, String... sources) {
        Map<String, Object> offer = (Map<String, Object>) browser.call(peer, "publish", List.of(sources));
        applyOffer(peer, offer);
    }

    @SuppressWarnings("unchecked")
    void unpublish(String peer, String source) {
        Map<String, Object> offer = (Map<String, Object>) browser.call(peer, "unpublish", source);
        applyOffer(peer, offer);
    }

    private void applyOffer(String peer, Map<String, Object> offer) {
        Map<String, TrackSource> sources = new LinkedHashMap<>();
        ((Map<String, Object>) offer.get("sources")).forEach((mid, s) -> sources.put(mid, TrackSource.fromWireName((String) s)));
        String answer = relay.applyOffer(room, peer, (String) offer.get("sdp"), sources);
        browser.call(peer, "publishAnswer", reach(answer));
    }

    /** Brings the peer's subscribe connection up to date with what the relay sends it. */
    void subscribe(String peer) {
        relay.createOffer(room, peer, false).ifPresent(offer -> {
            String answer = (String) browser.call(peer, "subscribeOffer", reach(offer));
            relay.applyAnswer(room, peer, answer);
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> stats(String peer) {
        return (Map<String, Object>) browser.call(peer, "stats");
    }

    /** Inbound stats of the peer's subscribe connection, by mid. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> inbound(String peer) {
        return (Map<String, Map<String, Object>>) stats(peer).get("inbound");
    }
}
