package org.bangban.ws;

import java.nio.charset.StandardCharsets;
import org.bangban.identity.Principal;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection. Enforces the message size and rate limits, reads messages and hands them to the
 * {@link MessageHandler}; whatever goes wrong with one message becomes an error reply and the connection stays.
 */
public final class Connection implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private final MessageHandler handler;
    private final Codec codec;
    private final WsMetrics metrics;
    private final int maxBytes;
    private final RateLimiter rate;
    private final String remote;
    private volatile Session session;
    private volatile Principal principal;

    Connection(MessageHandler handler, Codec codec, WsMetrics metrics, int maxBytes, double ratePerSecond,
               double burst, String remote) {
        this.handler = handler;
        this.codec = codec;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.rate = new RateLimiter(ratePerSecond, burst, System.nanoTime());
        this.remote = remote;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        handler.opened(this);
    }

    @Override
    public void onWebSocketText(String text) {
        metrics.received.increment();
        if (text.length() > maxBytes || (text.length() * 3L > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
            reject(null, ErrorCode.TOO_LARGE, "message is over the maximum of " + maxBytes + " bytes");
            return;
        }
        Codec.Read read = codec.read(text);
        if (!rate.tryAcquire(System.nanoTime())) {
            String id = read instanceof Codec.Read.Message m ? m.message().id()
                    : ((Codec.Read.Failure) read).id();
            reject(id, ErrorCode.RATE_LIMITED, "too many messages; this one was dropped, slow down");
            return;
        }
        if (read instanceof Codec.Read.Failure f) {
            reject(f.id(), f.code(), f.message());
            return;
        }
        handler.handle(this, ((Codec.Read.Message) read).message());
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        metrics.received.increment();
        reject(null, ErrorCode.MALFORMED, "binary frames are not part of the protocol; send JSON text");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        handler.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("WebSocket error on connection from {} ({}): {}", remote, principal == null ? "not authenticated" : principal.id(), cause.toString());
    }

    void reject(String id, ErrorCode code, String message) {
        metrics.rejected(code).increment();
        send(codec.error(id, code, message));
    }

    /** Sends a text message; a failure (slow or closed peer) is counted and the connection closed. */
    public void send(String json) {
        Session s = session;
        if (s == null || !s.isOpen()) return;
        s.sendText(json, Callback.from(() -> { }, failure -> {
            metrics.sendFailures.increment();
            log.debug("send to {} failed: {}", remote, failure.toString());
        }));
    }

    public void close(int code, String reason) {
        Session s = session;
        if (s != null) s.close(code, reason, Callback.NOOP);
    }

    public Principal principal() {
        return principal;
    }

    void principal(Principal p) {
        this.principal = p;
    }

    public String remote() {
        return remote;
    }
}
