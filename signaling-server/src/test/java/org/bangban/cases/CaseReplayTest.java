package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;
import org.junit.jupiter.api.Test;

class CaseReplayTest {
    private static final String NUMBER = "BB-20261126-000001";
    private static final Actor HELPER = Actor.helper("staff-1");

    @Test
    void forRandomActionSequencesTheReplayOfTheEventsIsTheStatusTheWorkflowReached() {
        int refusedSeen = 0;
        int finalSeen = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            RandomActions random = new RandomActions(seed);
            GreenReason green = random.greenReasonOrNull();
            CaseStatus status = CaseStatus.opened(random.kind(), RandomActions.priority(green));
            List<CaseEvent> events = new ArrayList<>();
            Instant at = Instant.parse("2026-11-26T01:00:00Z");
            events.add(event(1, at, CaseEventType.CREATED, CasePayloads.created(status, Channel.ONLINE, green,
                    "item", "dept", "a-1", null)));
            Map<String, HelperRole> helpers = new TreeMap<>();
            Instant closedAt = null;
            int steps = 1 + random.nextInt(25);
            for (int i = 0; i < steps; i++) {
                at = at.plusSeconds(1);
                if (random.chance(10)) { // an event that does not change the case
                    events.add(event(events.size() + 1, at, CaseEventType.NOTE, CasePayloads.object().put("text", "x")));
                    continue;
                }
                if (random.chance(8)) {
                    String helper = "h" + random.nextInt(3);
                    events.add(event(events.size() + 1, at, CaseEventType.TRANSFERRED,
                            CasePayloads.transferred(primary(helpers), helper, null)));
                    String from = primary(helpers);
                    if (from != null) helpers.put(from, HelperRole.TRANSFERRED_FROM);
                    helpers.put(helper, HelperRole.PRIMARY);
                    continue;
                }
                CaseAction action = random.next(status);
                CaseWorkflow.Decision d = CaseWorkflow.decide(status, action);
                if (d instanceof CaseWorkflow.Refused) {
                    refusedSeen++;
                    continue;
                }
                CaseWorkflow.Step step = ((CaseWorkflow.Allowed) d).step();
                events.add(event(events.size() + 1, at, step.eventType(), step.payload()));
                status = step.next();
                if (closedAt == null && status.state().isFinal()) closedAt = at;
            }
            if (status.state().isFinal()) finalSeen++;
            CaseReplay.Replayed replayed = CaseReplay.replay(events);
            assertThat(replayed.status()).as("seed " + seed).isEqualTo(status);
            assertThat(replayed.helpers()).as("seed " + seed).isEqualTo(helpers);
            assertThat(replayed.lastSeq()).isEqualTo(events.size());
            assertThat(replayed.closedAt()).as("seed " + seed).isEqualTo(closedAt);
            assertThat(replayed.updatedAt()).isEqualTo(events.get(events.size() - 1).at());
            assertThat(replayed.number()).isEqualTo(NUMBER);
        }
        assertThat(refusedSeen).as("refusals were exercised").isGreaterThan(100);
        assertThat(finalSeen).as("sequences reached final states").isGreaterThan(300);
    }

    @Test
    void eventsThatAreNotOneCasesLogAreRefused() {
        CaseStatus s = CaseStatus.opened(ServiceKind.ASSIST, PriorityClass.NORMAL);
        CaseEvent created = event(1, Instant.EPOCH, CaseEventType.CREATED, CasePayloads.created(s, Channel.ONLINE,
                null, "i", null, "a", null));
        CaseEvent note = event(2, Instant.EPOCH, CaseEventType.NOTE, null);
        assertThatThrownBy(() -> CaseReplay.replay(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CaseReplay.replay(List.of(note))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CaseReplay.replay(List.of(created, event(3, Instant.EPOCH, CaseEventType.NOTE, null))))
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> CaseReplay.replay(List.of(created, new CaseEvent("BB-20261126-000002", 2,
                Instant.EPOCH, "x", ActorRole.SYSTEM, CaseEventType.NOTE, null)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CaseReplay.replay(List.of(created, event(2, Instant.EPOCH, CaseEventType.STATE_CHANGED,
                CasePayloads.stateChanged(CaseState.GUIDED_HANDLING, CaseState.RESULT_FEEDBACK, null)))))
                .hasMessageContaining("from GUIDED_HANDLING while the case is in INTAKE");
        assertThat(CaseReplay.replay(List.of(created, note)).status()).isEqualTo(s);
    }

    @Test
    void anEventsPayloadCannotBeChangedThroughTheEvent() {
        CaseEvent e = event(1, Instant.EPOCH, CaseEventType.NOTE, CasePayloads.object().put("text", "a"));
        e.payload().put("text", "changed");
        assertThat(e.payload().get("text").asText()).isEqualTo("a");
        assertThat(e.actor()).isEqualTo(HELPER);
    }

    private static String primary(Map<String, HelperRole> helpers) {
        return helpers.entrySet().stream().filter(en -> en.getValue() == HelperRole.PRIMARY).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static CaseEvent event(long seq, Instant at, CaseEventType type,
                                   com.fasterxml.jackson.databind.node.ObjectNode payload) {
        return new CaseEvent(NUMBER, seq, at, HELPER.id(), HELPER.role(), type, payload);
    }
}
