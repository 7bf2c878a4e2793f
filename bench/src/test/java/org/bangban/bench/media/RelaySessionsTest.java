package org.bangban.bench.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.media.MediaRelay;
import org.bangban.relay.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;

/** One session through an embedded relay: real ICE, DTLS and SRTP, every probe of the window arrives. */
class RelaySessionsTest {

    @Test
    void oneSessionWithSupervisorAndScreenForwardsEveryProbe() throws Exception {
        RelayConfig config = RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1)
                .withAdvertised(List.of("127.0.0.1"));
        MeasureWindow window = new MeasureWindow();
        List<MediaLoop> loops = List.of(new MediaLoop("test-media-loop", 1_000_000));
        try (MediaRelay relay = MediaRelay.start(config);
             RelaySessions sessions = new RelaySessions(relay, new RelaySessions.Shape(500, true, 300, 5, true), window,
                     loops, Duration.ofSeconds(10))) {
            sessions.open(0, 1, 1);
            assertThat(sessions.failedSessions()).isZero();
            assertThat(sessions.peers()).hasSize(5).allSatisfy(p -> {
                assertThat(p.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
                assertThat(p.selected().getPort()).isEqualTo(relay.udpPort());
            });
            long forwardedBefore = relay.stats().packetsOut();
            MediaResult r = Measurement.run(loops, sessions.peers(), window, Duration.ofSeconds(2),
                    Duration.ofSeconds(2), new Measurement.Edges() {
                        @Override
                        public void opened() {
                        }

                        @Override
                        public void closed() {
                        }
                    });
            System.out.println(r.addTo(new SummaryLine("media-test")));
            // applicant: mic 50/s + camera 500 kbit/s (2 pkt/frame at 30 fps) + screen; helper: mic + camera;
            // received by the other participant and the supervisor
            assertThat(r.sentInWindow()).isGreaterThan(2 * (100 + 100));
            assertThat(r.expected()).isGreaterThan(2 * r.sentInWindow() - 40);
            assertThat(r.received()).isEqualTo(r.expected());
            assertThat(r.lost()).isZero();
            assertThat(r.counters().srtpFailures()).isZero();
            assertThat(r.counters().unexpectedStreams()).isZero();
            assertThat(r.latency().count()).isEqualTo(r.received());
            assertThat(r.latency().percentile(0.5)).isPositive().isLessThan(50_000_000L);
            assertThat(relay.stats().packetsOut() - forwardedBefore).isGreaterThanOrEqualTo(r.received());
            assertThat(sessions.problems()).isEmpty();
        } finally {
            for (MediaLoop loop : loops) loop.close();
        }
    }
}
