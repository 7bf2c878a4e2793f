package org.bangban.relay.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.browser.PeerStats.waitFor;

import java.time.Duration;
import java.util.List;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.EventLog;
import org.bangban.relay.control.RecordingEvents;
import org.bangban.relay.media.MediaRelay;
import org.junit.jupiter.api.Test;

/** The events long poll of an idle relay outlasts the client's request timeout without failing. */
class HttpRelayClientEventsTest {

    @Test
    void anIdleLongPollIsNotCutByTheRequestTimeout() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (MediaRelay relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1)
                .withAdvertised(List.of("127.0.0.1")))) {
            EventLog log = new EventLog(100);
            relay.setEvents(log);
            RelayHttpServer server = new RelayHttpServer(relay, log, "a-test-secret-of-some-length", "127.0.0.1", 0,
                    () -> "");
            // a request may take 2 s, an idle long poll is held 3 s: the poll must get both
            try (HttpRelayClient client = new HttpRelayClient("http://127.0.0.1:" + server.port(),
                    "a-test-secret-of-some-length", Duration.ofSeconds(2), 3_000)) {
                client.setEvents(events);
                client.stats(); // the poller has started; let it go through idle polls
                long idleUntil = System.nanoTime() + 7_000_000_000L;
                waitFor(() -> System.nanoTime() > idleUntil || client.eventPollFailures() > 0, 10_000,
                        "seven seconds of idle polls, or a failed one");
                assertThat(client.eventPollFailures()).as("idle polls that failed").isZero();
                client.createRoom("idle-poll");
                client.closeRoom("idle-poll", "test");
                waitFor(() -> events.contains("room-closed idle-poll"), 5_000, "the room-closed event after the idle polls");
            } finally {
                server.close();
            }
        }
    }
}
