package org.bangban.relay.room;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotPlannerTest {

    private final AtomicLong ssrcs = new AtomicLong(1000);
    private final RoutingMatrix routing = RoutingMatrix.empty()
            .with("helper", "applicant", EnumSet.allOf(TrackSource.class))
            .with("applicant", "helper", EnumSet.of(TrackSource.MICROPHONE, TrackSource.CAMERA));

    private static SlotPlanner.Published pub(String e, TrackSource s) {
        return new SlotPlanner.Published(e, s);
    }

    @Test
    void routedPublishedTracksGetSlotsInOrderWithVideoRtx() {
        List<OutgoingSlot> slots = SlotPlanner.plan(List.of(), routing.sourcesOf("helper"),
                Set.of(pub("applicant", TrackSource.MICROPHONE), pub("applicant", TrackSource.CAMERA),
                        pub("helper", TrackSource.CAMERA)), ssrcs::incrementAndGet);
        assertThat(slots).extracting(OutgoingSlot::mid).containsExactly("0", "1");
        assertThat(slots).extracting(OutgoingSlot::source)
                .containsExactly(TrackSource.MICROPHONE, TrackSource.CAMERA);
        assertThat(slots.get(0).rtxSsrc()).isZero();
        assertThat(slots.get(1).rtxSsrc()).isNotZero().isNotEqualTo(slots.get(1).ssrc());
        assertThat(slots).allMatch(OutgoingSlot::active);
    }

    @Test
    void aStoppedScreenShareKeepsItsSlotInactiveAndARestartReusesItsSsrc() {
        Set<SlotPlanner.Published> withScreen = Set.of(pub("applicant", TrackSource.MICROPHONE),
                pub("applicant", TrackSource.SCREEN));
        List<OutgoingSlot> first = SlotPlanner.plan(List.of(), routing.sourcesOf("helper"), withScreen,
                ssrcs::incrementAndGet);
        List<OutgoingSlot> stopped = SlotPlanner.plan(first, routing.sourcesOf("helper"),
                Set.of(pub("applicant", TrackSource.MICROPHONE)), ssrcs::incrementAndGet);
        assertThat(stopped).hasSize(2);
        assertThat(stopped.get(1).active()).isFalse();
        List<OutgoingSlot> restarted = SlotPlanner.plan(stopped, routing.sourcesOf("helper"), withScreen,
                ssrcs::incrementAndGet);
        assertThat(restarted).isEqualTo(first);
    }

    @Test
    void nothingChangedGivesAnEqualList() {
        Set<SlotPlanner.Published> pubs = Set.of(pub("helper", TrackSource.MICROPHONE));
        List<OutgoingSlot> a = SlotPlanner.plan(List.of(), routing.sourcesOf("applicant"), pubs, ssrcs::incrementAndGet);
        assertThat(SlotPlanner.plan(a, routing.sourcesOf("applicant"), pubs, ssrcs::incrementAndGet)).isEqualTo(a);
    }

    @Test
    void whisperAddsTheSupervisorsMicrophoneOnlyWhereRouted() {
        RoutingMatrix whisper = routing.with("helper", "supervisor", EnumSet.of(TrackSource.MICROPHONE));
        Set<SlotPlanner.Published> pubs = Set.of(pub("supervisor", TrackSource.MICROPHONE),
                pub("applicant", TrackSource.MICROPHONE));
        assertThat(SlotPlanner.plan(List.of(), whisper.sourcesOf("helper"), pubs, ssrcs::incrementAndGet))
                .extracting(OutgoingSlot::sourceEndpoint).containsExactly("applicant", "supervisor");
        assertThat(SlotPlanner.plan(List.of(), whisper.sourcesOf("applicant"), pubs, ssrcs::incrementAndGet))
                .isEmpty();
    }

    @Test
    void ssrcsNeverCollideWithinAReceiver() {
        AtomicLong same = new AtomicLong();
        long[] seq = {5, 5, 5, 6, 6, 7, 8, 9};
        List<OutgoingSlot> slots = SlotPlanner.plan(List.of(), routing.sourcesOf("helper"),
                Set.of(pub("applicant", TrackSource.CAMERA), pub("applicant", TrackSource.SCREEN)),
                () -> seq[(int) same.getAndIncrement()]);
        assertThat(slots).flatExtracting(s -> List.of(s.ssrc(), s.rtxSsrc())).doesNotHaveDuplicates();
    }

    @Test
    void routingIsImmutableAndRefusesSelfRoutes() {
        RoutingMatrix none = routing.without("applicant");
        assertThat(none.sourcesOf("helper")).isEmpty();
        assertThat(routing.receives("helper", "applicant", TrackSource.SCREEN)).isTrue();
        assertThat(routing.with("helper", "applicant", Set.of()).sourcesOf("helper")).isEmpty();
        assertThatThrownBy(() -> routing.with("a", "a", EnumSet.of(TrackSource.CAMERA)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.copyOf(routing.asMap())).containsKeys("helper", "applicant");
    }
}
