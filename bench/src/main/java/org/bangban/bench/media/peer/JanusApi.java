package org.bangban.bench.media.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Janus's HTTP API (the REST-ish transport of janus.transport.http) for the EchoTest plugin: create a session,
 * attach {@code janus.plugin.echotest}, send the offer in a {@code message}, long-poll the session for the event
 * carrying the answer, trickle the end of candidates, keepalive, detach and destroy. One {@link HttpClient} is
 * shared by every session.
 */
public final class JanusApi {
    public static final String ECHOTEST_PLUGIN = "janus.plugin.echotest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Janus holds a long poll 30 s when nothing happens. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(40);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JanusApi(URI base) {
        this.base = base;
    }

    /** One Janus session with one EchoTest handle: what one browser tab running the echo test holds. */
    public final class EchoSession {
        private final long session;
        private final long handle;

        private EchoSession(long session, long handle) {
            this.session = session;
            this.handle = handle;
        }

        public long sessionId() {
            return session;
        }

        public long handleId() {
            return handle;
        }

        /**
         * Sends {@code {"audio":true,"video":true,"bitrate":0}} with the offer, then long-polls the session until the
         * event for this handle carries the answer JSEP, then trickles {@code {"completed":true}}; returns the answer
         * SDP.
         */
        public String negotiate(String offerSdp) throws IOException, InterruptedException {
            ObjectNode body = JSON.createObjectNode().put("audio", true).put("video", true).put("bitrate", 0);
            ObjectNode jsep = JSON.createObjectNode().put("type", "offer").put("sdp", offerSdp);
            ObjectNode message = request("message");
            message.set("body", body);
            message.set("jsep", jsep);
            JsonNode ack = post(handlePath(), message);
            if (!ack.path("janus").asText().equals("ack") && !ack.path("janus").asText().equals("event")) {
                throw new IOException("Janus did not take the EchoTest offer: " + ack);
            }
            JsonNode answer = ack.path("jsep");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!answer.path("sdp").isTextual()) {
                if (System.nanoTime() > deadline) throw new IOException("no answer from Janus's EchoTest within 30 s");
                for (JsonNode event : poll()) {
                    if (event.path("sender").asLong() != handle) continue;
                    JsonNode data = event.path("plugindata").path("data");
                    if (data.has("error")) {
                        throw new IOException("Janus's EchoTest refused the offer: " + data.path("error_code").asText()
                                + " " + data.path("error").asText());
                    }
                    if (event.path("jsep").path("sdp").isTextual()) answer = event.path("jsep");
                }
            }
            if (!answer.path("type").asText().equals("answer")) throw new IOException("Janus sent no answer: " + answer);
            ObjectNode trickle = request("trickle");
            trickle.set("candidate", JSON.createObjectNode().put("completed", true));
            expectAck(post(handlePath(), trickle), "trickle");
            return answer.path("sdp").asText();
        }

        /** Events queued for this session (waits up to 30 s when none are: Janus's long poll). */
        public JsonNode poll() throws IOException, InterruptedException {
            HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/" + session + "?maxev=10"))
                    .timeout(POLL_TIMEOUT).GET().build();
            JsonNode events = send(get);
            return events.isArray() ? events : JSON.createArrayNode().add(events);
        }

        /** Keeps the session alive (Janus drops it after 60 s without a request). */
        public void keepalive() throws IOException, InterruptedException {
            expectAck(post(sessionPath(), request("keepalive")), "keepalive");
        }

        /** Hangs up (the handle's PeerConnection goes), detaches the handle and destroys the session. */
        public void close() throws IOException, InterruptedException {
            try {
                post(handlePath(), request("detach"));
            } finally {
                post(sessionPath(), request("destroy"));
            }
        }

        private String sessionPath() {
            return "/" + session;
        }

        private String handlePath() {
            return "/" + session + "/" + handle;
        }
    }

    /** Creates a session and attaches the EchoTest plugin to it. */
    public EchoSession echoSession() throws IOException, InterruptedException {
        long session = dataId(post("", request("create")), "create");
        ObjectNode attach = request("attach").put("plugin", ECHOTEST_PLUGIN);
        long handle = dataId(post("/" + session, attach), "attach " + ECHOTEST_PLUGIN);
        return new EchoSession(session, handle);
    }

    private static ObjectNode request(String verb) {
        return JSON.createObjectNode().put("janus", verb).put("transaction", UUID.randomUUID().toString());
    }

    private static long dataId(JsonNode reply, String what) throws IOException {
        if (!reply.path("janus").asText().equals("success") || !reply.path("data").path("id").canConvertToLong()) {
            throw new IOException("Janus refused " + what + ": " + reply);
        }
        return reply.path("data").path("id").asLong();
    }

    private static void expectAck(JsonNode reply, String what) throws IOException {
        String verb = reply.path("janus").asText();
        if (!verb.equals("ack") && !verb.equals("success")) throw new IOException("Janus refused " + what + ": " + reply);
    }

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Janus answered " + request.method() + " " + request.uri() + " with HTTP "
                    + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
