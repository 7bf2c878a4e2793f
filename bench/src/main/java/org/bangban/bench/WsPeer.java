package org.bangban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client WebSocket of the harness (java.net.http): whole text messages parsed once, sends chained so that
 * a send never overlaps the previous one (the JDK client refuses that), close and failure reported once.
 */
abstract class WsPeer implements WebSocket.Listener {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile WebSocket ws;
    private volatile boolean closed;

    /** Opens the connection; {@link #opened()} runs when it is up, {@link #failed(Throwable)} if it is not. */
    final void connect(HttpClient http, URI uri) {
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this)
                .whenComplete((w, e) -> {
                    if (e != null) {
                        closed = true;
                        failed(e);
                    }
                });
    }

    /** The connection is open; the first message may be sent. */
    abstract void opened();

    /** One whole server message, and System.nanoTime() when its last fragment arrived. */
    abstract void received(JsonNode message, String text, long nanos);

    /** Connecting failed, the peer failed, or a send failed. */
    abstract void failed(Throwable error);

    /** The server closed the connection (or answered our close). */
    abstract void closedBy(int statusCode, String reason);

    @Override
    public final void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        try {
            opened();
        } finally {
            webSocket.request(1);
        }
    }

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String text;
        if (partial.length() == 0) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        try {
            received(MAPPER.readTree(text), text, now);
        } catch (Exception e) {
            failed(new IllegalStateException("could not handle server message " + text, e));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        failed(new IllegalStateException("the server sent a binary frame"));
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        closedBy(statusCode, reason);
        return null;
    }

    @Override
    public final void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        failed(error);
    }

    boolean isClosed() {
        return closed;
    }

    /** Queues a text message after any send still in flight. */
    final void send(String text) {
        WebSocket w = ws;
        if (w == null || closed) return;
        synchronized (this) {
            CompletableFuture<?> prev = tail;
            CompletableFuture<?> next = prev.isDone()
                    ? w.sendText(text, true)
                    : prev.handle((x, e) -> null).thenCompose(x -> w.sendText(text, true));
            tail = next.whenComplete((x, e) -> {
                if (e != null && !closed) failed(e);
            });
        }
    }

    /** Sends a normal close after any send in flight; the JDK client drops the TCP connection once answered. */
    final void close() {
        WebSocket w = ws;
        if (w == null || closed) return;
        synchronized (this) {
            tail = tail.handle((x, e) -> null)
                    .thenCompose(x -> w.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                    .whenComplete((x, e) -> {
                        if (e != null) w.abort();
                    });
        }
    }

    /** Drops the connection at once (end of run). */
    final void abort() {
        WebSocket w = ws;
        closed = true;
        if (w != null) w.abort();
    }

    /** A protocol message: type, id and string fields given as pairs. */
    static String message(String type, String id, String... fields) {
        var n = MAPPER.createObjectNode();
        n.put("type", type);
        n.put("id", id);
        for (int i = 0; i + 1 < fields.length; i += 2) n.put(fields[i], fields[i + 1]);
        return n.toString();
    }
}
