package org.bangban.relay.control;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.http.HttpRelayClient;
import org.bangban.relay.control.http.RelayHttpServer;
import org.bangban.relay.media.MediaRelay;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.browser.PeerStats.waitFor;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control API over real HTTP: the Java client against the Netty server, errors, auth, events. */
class RelayHttpApiTest {

    private static final String SECRET = "a-test-secret-of-some-length";
    private static MediaRelay relay;
    private static RelayHttpServer server;
    private static HttpRelayClient client;
    private static final RecordingEvents events = new RecordingEvents();

    @BeforeAll
    static void start() throws Exception {
        relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0)
                .withAdvertised(List.of("127.0.0.1")));
        EventLog log = new EventLog(100);
        relay.setEvents(log);
        server = new RelayHttpServer(relay, log, SECRET, "127.0.0.1", 0, () -> "# metrics\n");
        client = new HttpRelayClient("http://127.0.0.1:" + server.port(), SECRET);
        client.setEvents(events);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        relay.close();
    }

    @Test
    void aBrowserOfferIsAnsweredOverHttpAndRoutingAndEventsFollow() throws Exception {
        assertThat(client.createRoom("h1").roomId()).isEqualTo("h1");
        assertThat(client.createRoom("h1").roomId()).as("idempotent").isEqualTo("h1");
        client.createEndpoint("h1", "applicant", EndpointRole.PARTICIPANT);
        client.createEndpoint("h1", "helper", EndpointRole.PARTICIPANT);
        String offer = Files.readString(Path.of(getClass().getResource("/sdp/chromium-156-av-sendrecv-offer.sdp").toURI()));
        String answer = client.applyOffer("h1", "applicant", offer, Map.of("0", TrackSource.MICROPHONE, "1", TrackSource.CAMERA));
        assertThat(answer).contains("a=ice-lite").contains("a=setup:passive").contains("typ host")
                .doesNotContain("transport-cc");
        waitFor(() -> events.contains("negotiation-needed h1 helper"), 10_000, "the helper's subscribe offer is due");
        String relayOffer = client.createOffer("h1", "helper", false).orElseThrow();
        assertThat(relayOffer).contains("a=sendonly").contains("a=msid:applicant applicant-camera");
        assertThat(client.createOffer("h1", "applicant", false)).as("nothing routed to the applicant yet").isEmpty();
        client.route("h1", "helper", "applicant", EnumSet.of(TrackSource.MICROPHONE));
        EndpointStats stats = client.endpointStats("h1", "helper");
        assertThat(stats.outbound()).hasSize(2);
        assertThat(client.stats().rooms()).isGreaterThanOrEqualTo(1);
        client.closeRoom("h1", "test");
        waitFor(() -> events.contains("room-closed h1"), 10_000, "the room-closed event");
    }

    @Test
    void refusalsCarryTheirCodeAndMessage() {
        assertThatThrownBy(() -> client.createEndpoint("nope", "x", EndpointRole.PARTICIPANT))
                .isInstanceOf(RelayException.class).hasMessageContaining("no room 'nope'")
                .extracting(e -> ((RelayException) e).code()).isEqualTo(RelayException.Code.ROOM_NOT_FOUND);
        client.createRoom("h2");
        client.createEndpoint("h2", "a", EndpointRole.PARTICIPANT);
        client.createEndpoint("h2", "sup", EndpointRole.OBSERVER);
        assertThatThrownBy(() -> client.applyOffer("h2", "a", "this is not sdp", Map.of()))
                .isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).code()).isEqualTo(RelayException.Code.SDP_INVALID);
        assertThatThrownBy(() -> client.route("h2", "a", "sup", EnumSet.of(TrackSource.CAMERA)))
                .isInstanceOf(RelayException.class).hasMessageContaining("never seen");
        assertThatThrownBy(() -> client.createEndpoint("h2", "a", EndpointRole.PARTICIPANT))
                .extracting(e -> ((RelayException) e).code()).isEqualTo(RelayException.Code.ENDPOINT_EXISTS);
    }

    @Test
    void badSecretMalformedJsonAndUnknownPathsAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> noAuth = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noAuth.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats"))
                .header("Authorization", "Bearer wrong-secret-wrong-secret").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/rooms"))
                .header("Authorization", "Bearer " + SECRET).POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/nothing"))
                .header("Authorization", "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        // the server still answers properly afterwards
        assertThat(client.stats()).isNotNull();
    }
}
