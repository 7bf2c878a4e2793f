package org.bangban.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client for tests: sends protocol messages, keeps every message received, waits on conditions. */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket ws;
    private volatile boolean closed;
    private volatile int closeCode = -1;
    public final String name;

    public WsClient(String name, int port) {
        this.name = name;
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode n = MAPPER.readTree(text);
                    synchronized (received) {
                        received.add(n);
                        received.notifyAll();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(name + " got a non-JSON message: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closed = true;
            synchronized (received) {
                received.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    public static ObjectNode msg(String type) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", type);
        return n;
    }

    /** Sends a message (an id is added) and returns its id. */
    public String send(ObjectNode message) {
        String id = name + "-" + ids.incrementAndGet();
        message.put("id", id);
        sendRaw(message.toString());
        return id;
    }

    public void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /** Sends and waits for the reply; fails the test on an error reply. */
    public JsonNode call(ObjectNode message) {
        JsonNode reply = callRaw(message);
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(name + ": " + message + " answered with " + reply);
        }
        return reply.path("data");
    }

    /** Sends and waits for the reply, ok or error. */
    public JsonNode callRaw(ObjectNode message) {
        String id = send(message);
        return await(n -> id.equals(n.path("id").asText()) && n.has("type")
                && ("ok".equals(n.path("type").asText()) || "error".equals(n.path("type").asText())), Duration.ofSeconds(10),
                "reply to " + message);
    }

    /** Waits for a server message of that type matching the predicate (already received or arriving). */
    public JsonNode await(String type, Predicate<JsonNode> p, Duration timeout) {
        return await(n -> type.equals(n.path("type").asText()) && p.test(n), timeout, "a '" + type + "' message");
    }

    public JsonNode await(String type) {
        return await(type, n -> true, Duration.ofSeconds(10));
    }

    public JsonNode await(Predicate<JsonNode> p, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            int scanned = 0;
            while (true) {
                for (; scanned < received.size(); scanned++) {
                    JsonNode n = received.get(scanned);
                    if (p.test(n)) {
                        received.remove(scanned);
                        return n;
                    }
                }
                long left = deadline - System.nanoTime();
                if (closed) throw new AssertionError(name + " was closed while waiting for " + what);
                if (left <= 0) {
                    throw new AssertionError(name + " waited " + timeout.toMillis() + " ms for " + what
                            + "; received meanwhile: " + received);
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** True when a message of that type is among those received and not yet consumed. */
    public boolean has(String type, Predicate<JsonNode> p) {
        synchronized (received) {
            return received.stream().anyMatch(n -> type.equals(n.path("type").asText()) && p.test(n));
        }
    }

    public List<JsonNode> drain() {
        synchronized (received) {
            List<JsonNode> all = new ArrayList<>(received);
            received.clear();
            return all;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public int closeCode() {
        return closeCode;
    }

    /** Drops the TCP connection without a close handshake, as a lost network would. */
    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        if (!closed) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                ws.abort();
            }
        }
    }

    public static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
