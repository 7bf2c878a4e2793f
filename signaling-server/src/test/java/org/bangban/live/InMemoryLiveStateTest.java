package org.bangban.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live-state contract on the embedded, single-node implementation. */
class InMemoryLiveStateTest extends LiveStateContract {
    @Override
    protected LiveState newState() {
        return new InMemoryLiveState();
    }

    @Override
    protected LiveState sameStateOnAnotherNode() {
        return state;
    }

    @Test
    void connectionMarksAreForgottenOnceTheyAndTheDepartureRanOut() {
        state.markConnected(List.of("a1"), "node-a", T0, 1_000);
        state.markConnected(List.of("a2"), "node-a", T0, TTL);
        state.markDeparted("a1", "node-a", T0 + 10, 1_000);

        state.markConnected(List.of("a3"), "node-a", T0 + 2_000, TTL); // a sweep: a1 is past its keep, a2 not yet
        assertThat(state.connectionMarks("a1")).isEqualTo(ConnectionMarks.NONE);
        assertThat(state.connectionMarks("a2").marks()).containsKey("node-a");

        state.markDeparted("a3", "node-a", T0 + TTL + 2_000, 1_000); // a sweep: a2's mark ran out unrefreshed
        assertThat(state.connectionMarks("a2")).isEqualTo(ConnectionMarks.NONE);
        assertThat(state.connectionMarks("a3").departedNode()).isEqualTo("node-a");
    }
}
