package org.bangban.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code media --compare} and {@code media --peer}. */
class BenchMediaArgsTest {

    @Test
    void compareAndPeerAreAccepted() {
        assertThat(Bench.media(List.of("--compare", "--sessions", "20", "--video-kbps=2500"))).isNotNull();
        assertThat(Bench.media(List.of("--peer", "coturn", "--janus-event-loops", "0"))).isNotNull();
        assertThat(Bench.media(List.of("--peer=janus,bangban", "--duration", "10", "--rounds", "3"))).isNotNull();
    }

    @Test
    void refusesWhatTheComparisonDoesNotRun() {
        assertThatThrownBy(() -> Bench.media(List.of("--compare", "--screen")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--screen");
        assertThatThrownBy(() -> Bench.media(List.of("--peer", "mediasoup")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mediasoup");
        assertThatThrownBy(() -> Bench.media(List.of("--compare", "--peer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Bench.media(List.of("--compare", "--janus-event-loops", "-1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bench.media(List.of("--compare", "--rounds", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> Bench.media(List.of("--compare", "--sessions", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sessions");
    }
}
