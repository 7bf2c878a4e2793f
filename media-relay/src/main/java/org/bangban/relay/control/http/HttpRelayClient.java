package org.bangban.relay.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bangban.relay.control.EndpointInfo;
import org.bangban.relay.control.EndpointStats;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.control.RelayException;
import org.bangban.relay.control.RelayStats;
import org.bangban.relay.control.RoomInfo;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RelayControl} over HTTP, for a signaling server driving a relay in another process. A
 * daemon thread long-polls the relay's event log and hands events to the listener.
 */
public final class HttpRelayClient implements RelayControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRelayClient.class);

    /** How long one events request waits on the relay for an event (the relay caps it at 30 s). */
    static final long EVENTS_WAIT_MS = 25_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Duration requestTimeout;
    private final long eventsWaitMs;
    private final java.util.concurrent.atomic.AtomicLong eventPollFailures = new java.util.concurrent.atomic.AtomicLong();
    private final String authorization;
    private final HttpClient http;
    /** Fields a newer relay adds to its answers are ignored, so a relay can be upgraded first. */
    private final ObjectMapper json = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Thread poller;
    private volatile RelayEvents events = RelayEvents.NONE;
    private volatile boolean closed;

    /** @param baseUrl e.g. {@code http://relay-1:8090} */
    public HttpRelayClient(String baseUrl, String secret) {
        this(baseUrl, secret, REQUEST_TIMEOUT, EVENTS_WAIT_MS);
    }

    /**
     * @param requestTimeout how long a call may take; an events long poll gets {@code eventsWaitMs} on top, as the
     *                       relay holds it that long when nothing happens
     */
    HttpRelayClient(String baseUrl, String secret, Duration requestTimeout, long eventsWaitMs) {
        this.requestTimeout = requestTimeout;
        this.eventsWaitMs = eventsWaitMs;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.authorization = "Bearer " + secret;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.poller = new Thread(this::pollEvents, "bangban-relay-events");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Override
    public RoomInfo createRoom(String roomId) {
        return read(call("POST", "/v1/rooms", Map.of("roomId", roomId)), RoomInfo.class);
    }

    @Override
    public void closeRoom(String roomId, String reason) {
        call("DELETE", "/v1/rooms/" + enc(roomId), null);
    }

    @Override
    public EndpointInfo createEndpoint(String roomId, String endpointId, EndpointRole role) {
        return read(call("POST", "/v1/rooms/" + enc(roomId) + "/endpoints",
                Map.of("endpointId", endpointId, "role", role.name().toLowerCase(Locale.ROOT))), EndpointInfo.class);
    }

    @Override
    public void route(String roomId, String receiverId, String sourceId, Set<TrackSource> tracks) {
        call("PUT", "/v1/rooms/" + enc(roomId) + "/routes", Map.of("receiver", receiverId, "source", sourceId,
                "tracks", tracks.stream().map(TrackSource::wireName).toList()));
    }

    @Override
    public String applyOffer(String roomId, String endpointId, String offerSdp, Map<String, TrackSource> sourcesByMid) {
        Map<String, String> sources = new LinkedHashMap<>();
        sourcesByMid.forEach((mid, s) -> sources.put(mid, s.wireName()));
        JsonNode r = call("POST", endpointPath(roomId, endpointId) + "/offer", Map.of("sdp", offerSdp, "sources", sources));
        return r.get("sdp").asText();
    }

    @Override
    public Optional<String> createOffer(String roomId, String endpointId, boolean iceRestart) {
        JsonNode r = call("POST", endpointPath(roomId, endpointId) + "/subscribe-offer", Map.of("iceRestart", iceRestart));
        return r == null ? Optional.empty() : Optional.of(r.get("sdp").asText());
    }

    @Override
    public void applyAnswer(String roomId, String endpointId, String answerSdp) {
        call("POST", endpointPath(roomId, endpointId) + "/subscribe-answer", Map.of("sdp", answerSdp));
    }

    @Override
    public EndpointStats endpointStats(String roomId, String endpointId) {
        return read(call("GET", endpointPath(roomId, endpointId) + "/stats", null), EndpointStats.class);
    }

    @Override
    public RelayStats stats() {
        return read(call("GET", "/v1/stats", null), RelayStats.class);
    }

    @Override
    public void closeEndpoint(String roomId, String endpointId, String reason) {
        call("DELETE", endpointPath(roomId, endpointId), null);
    }

    @Override
    public void setEvents(RelayEvents events) {
        this.events = events == null ? RelayEvents.NONE : events;
    }

    /** Events requests that failed (each is retried after 2 s): 0 on a healthy relay, however idle. */
    public long eventPollFailures() {
        return eventPollFailures.get();
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    private String endpointPath(String roomId, String endpointId) {
        return "/v1/rooms/" + enc(roomId) + "/endpoints/" + enc(endpointId);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, Object body) {
        return call(method, path, body, requestTimeout);
    }

    private JsonNode call(String method, String path, Object body, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(timeout)
                    .header("Authorization", authorization);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 204) {
                return null;
            }
            JsonNode n = r.body().length == 0 ? null : json.readTree(r.body());
            if (r.statusCode() >= 300) {
                String code = n == null ? "" : n.path("error").asText("");
                String message = n == null ? "HTTP " + r.statusCode() : n.path("message").asText();
                throw new RelayException(codeOf(code), "relay at " + base + " refused " + method + " " + path
                        + ": " + message);
            }
            return n;
        } catch (IOException e) {
            throw new RelayException(RelayException.Code.RELAY_CLOSED, "relay at " + base + " unreachable ("
                    + e + "); check that it runs and that relay.url points at it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException(RelayException.Code.RELAY_CLOSED, "interrupted while calling the relay");
        }
    }

    private static RelayException.Code codeOf(String wire) {
        for (RelayException.Code c : RelayException.Code.values()) {
            if (c.wireName().equals(wire)) {
                return c;
            }
        }
        return RelayException.Code.BAD_REQUEST;
    }

    private <T> T read(JsonNode n, Class<T> type) {
        try {
            return json.treeToValue(n, type);
        } catch (IOException e) {
            throw new IllegalStateException("relay at " + base + " sent an unreadable " + type.getSimpleName(), e);
        }
    }

    private void pollEvents() {
        long after = -1;
        while (!closed) {
            try {
                if (after < 0) {
                    after = call("GET", "/v1/events?after=" + Long.MAX_VALUE, null).path("last").asLong();
                    continue;
                }
                JsonNode r = call("GET", "/v1/events?after=" + after + "&waitMs=" + eventsWaitMs, null,
                        requestTimeout.plusMillis(eventsWaitMs));
                List<JsonNode> list = new java.util.ArrayList<>();
                r.path("events").forEach(list::add);
                for (JsonNode e : list) {
                    after = Math.max(after, e.path("seq").asLong());
                    dispatch(e);
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                eventPollFailures.incrementAndGet();
                LOG.warn("Relay events from {} unavailable ({}); retrying in 2 s", base, e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void dispatch(JsonNode e) {
        String room = e.path("roomId").asText(null);
        String endpoint = e.path("endpointId").asText(null);
        String reason = e.path("reason").asText(null);
        RelayEvents listener = events;
        switch (e.path("type").asText()) {
            case "negotiation-needed" -> listener.negotiationNeeded(room, endpoint);
            case "endpoint-closed" -> listener.endpointClosed(room, endpoint, reason);
            case "room-closed" -> listener.roomClosed(room, reason);
            default -> LOG.debug("Unknown relay event {}", e);
        }
    }
}
