package org.bangban.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.bangban.relay.control.EndpointStats;
import org.bangban.relay.control.EndpointStats.InboundTrackStats;
import org.bangban.relay.control.EndpointStats.TransportStats;
import org.junit.jupiter.api.Test;

class MediaQualityTest {
    private static EndpointStats endpoint(long rtt, InboundTrackStats... tracks) {
        TransportStats t = new TransportStats("completed", "connected", "udp", 100, 1000, 100, 1000, 0, rtt);
        return new EndpointStats("room", "e", "participant", t, null, List.of(tracks), List.of());
    }

    private static InboundTrackStats track(long packets, double loss, double jitter) {
        return new InboundTrackStats("camera", "video", 1, packets, packets * 1000, 500_000, 0, loss, jitter);
    }

    @Test
    void noMediaYetIsNone() {
        assertThat(MediaQuality.of(Arrays.asList(null, null))).isEqualTo(MediaQuality.NONE);
        assertThat(MediaQuality.of(List.of(endpoint(20, track(0, 0.5, 90))))).isEqualTo(MediaQuality.NONE);
    }

    @Test
    void theWorstTrackAndRoundTripDecideTheLevel() {
        assertThat(MediaQuality.of(List.of(endpoint(20, track(500, 0.001, 4)), endpoint(30, track(500, 0, 2)))))
                .isEqualTo(new MediaQuality("good", 0.1, 30, 4));
        assertThat(MediaQuality.of(List.of(endpoint(20, track(500, 0.02, 4)), endpoint(30, track(500, 0, 2)))).level())
                .as("2 % loss on one side").isEqualTo("fair");
        assertThat(MediaQuality.of(List.of(endpoint(250, track(500, 0, 4)))).level()).as("250 ms RTT").isEqualTo("fair");
        assertThat(MediaQuality.of(List.of(endpoint(20, track(500, 0, 35)))).level()).as("35 ms jitter").isEqualTo("fair");
        assertThat(MediaQuality.of(List.of(endpoint(20, track(500, 0.08, 4)))).level()).as("8 % loss").isEqualTo("poor");
        assertThat(MediaQuality.of(List.of(endpoint(450, track(500, 0, 4)))).level()).as("450 ms RTT").isEqualTo("poor");
        assertThat(MediaQuality.of(List.of(endpoint(20, track(500, 0, 60)))).level()).as("60 ms jitter").isEqualTo("poor");
    }

    @Test
    void valuesAreRoundedSoNoiseDoesNotChangeTheWallboard() {
        MediaQuality a = MediaQuality.of(List.of(endpoint(21, track(500, 0.0012, 4.2))));
        MediaQuality b = MediaQuality.of(List.of(endpoint(24, track(500, 0.0009, 3.8))));
        assertThat(a).isEqualTo(b);
    }
}
