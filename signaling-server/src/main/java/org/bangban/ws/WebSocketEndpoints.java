package org.bangban.ws;

import org.bangban.protocol.Codec;
import org.eclipse.jetty.websocket.api.Session;

/** Makes one {@link Connection} per WebSocket upgrade, with the configured limits. */
public final class WebSocketEndpoints {
    private final MessageHandler handler;
    private final Codec codec;
    private final WsMetrics metrics;
    private final int maxBytes;
    private final int ratePerSecond;
    private final int burst;

    public WebSocketEndpoints(MessageHandler handler, Codec codec, WsMetrics metrics, int maxBytes, int ratePerSecond, int burst) {
        this.handler = handler;
        this.codec = codec;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    public Session.Listener create(String remote) {
        return new Connection(handler, codec, metrics, maxBytes, ratePerSecond, burst, remote);
    }
}
