package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.cases.CaseState.ARCHIVED;
import static org.bangban.cases.CaseState.CLOSED;
import static org.bangban.cases.CaseState.DELIVERY;
import static org.bangban.cases.CaseState.GUIDED_HANDLING;
import static org.bangban.cases.CaseState.INTAKE;
import static org.bangban.cases.CaseState.MANDATE_ACCEPTED;
import static org.bangban.cases.CaseState.MATERIALS;
import static org.bangban.cases.CaseState.PLANNING;
import static org.bangban.cases.CaseState.RESULT_FEEDBACK;
import static org.bangban.cases.CaseState.TERMINATED;
import static org.bangban.cases.CaseState.TRACKING;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;
import org.junit.jupiter.api.Test;

/** Every state × every action × kind × green × with or without a result, against a table written out here. */
class CaseWorkflowTest {
    /** An edge of the expected flows; {@code needsResult}: only once a result is recorded. */
    record Edge(CaseState from, CaseState to, boolean needsResult) {
    }

    private static final List<Edge> NORMAL = List.of(
            new Edge(INTAKE, GUIDED_HANDLING, false),
            new Edge(GUIDED_HANDLING, RESULT_FEEDBACK, true),
            new Edge(RESULT_FEEDBACK, CLOSED, true),
            new Edge(RESULT_FEEDBACK, GUIDED_HANDLING, false),
            new Edge(MANDATE_ACCEPTED, PLANNING, false),
            new Edge(PLANNING, MATERIALS, false),
            new Edge(MATERIALS, TRACKING, false),
            new Edge(TRACKING, DELIVERY, true),
            new Edge(TRACKING, MATERIALS, false),
            new Edge(DELIVERY, ARCHIVED, true));
    private static final List<Edge> GREEN_ONLY = List.of(
            new Edge(MANDATE_ACCEPTED, MATERIALS, false),
            new Edge(MATERIALS, DELIVERY, true));
    private static final Set<CaseState> RESULT_IN = EnumSet.of(GUIDED_HANDLING, RESULT_FEEDBACK, MATERIALS, TRACKING,
            DELIVERY);

    /** Every status a case can have (with and without a result, normal and green). */
    static List<CaseStatus> everyStatus() {
        List<CaseStatus> all = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            for (PriorityClass priority : PriorityClass.values()) {
                for (CaseState state : CaseState.values()) {
                    if (state.flow() != null && state.flow() != kind) continue;
                    for (CaseResult result : new CaseResult[] {null, CaseResult.RESOLVED}) {
                        all.add(new CaseStatus(kind, state, priority, result,
                                state == TERMINATED ? TerminationReason.DUPLICATE : null));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void everyAdvanceIsAllowedExactlyWhenTheFlowHasThatStep() {
        int allowed = 0;
        int refused = 0;
        for (CaseStatus s : everyStatus()) {
            for (CaseState to : CaseState.values()) {
                Edge edge = edge(s, to);
                boolean expected = !s.state().isFinal() && edge != null && (!edge.needsResult() || s.result() != null);
                CaseWorkflow.Decision d = CaseWorkflow.decide(s, new CaseAction.Advance(to, "n"));
                String what = s + " -> " + to;
                if (expected) {
                    allowed++;
                    assertThat(d).as(what).isInstanceOf(CaseWorkflow.Allowed.class);
                    CaseWorkflow.Step step = ((CaseWorkflow.Allowed) d).step();
                    assertThat(step.next()).as(what).isEqualTo(new CaseStatus(s.kind(), to, s.priority(), s.result(),
                            null));
                    assertThat(step.eventType()).isEqualTo(CaseEventType.STATE_CHANGED);
                    assertThat(step.payload().get("from").asText()).isEqualTo(s.state().name());
                    assertThat(step.payload().get("to").asText()).isEqualTo(to.name());
                    assertThat(step.payload().get("note").asText()).isEqualTo("n");
                    assertThat(CaseWorkflow.allowedNext(s)).as(what).contains(to);
                } else {
                    refused++;
                    assertThat(d).as(what).isInstanceOf(CaseWorkflow.Refused.class);
                    CaseWorkflow.Refused r = (CaseWorkflow.Refused) d;
                    assertThat(r.code()).isEqualTo(CaseException.Code.ILLEGAL_TRANSITION);
                    assertThat(r.message()).as(what).contains(s.state().name()).contains(s.state().zh());
                    assertThat(CaseWorkflow.allowedNext(s)).as(what).doesNotContain(to);
                    assertThatThrownBy(() -> CaseWorkflow.step(s, new CaseAction.Advance(to)))
                            .isInstanceOfSatisfying(CaseException.class,
                                    e -> assertThat(e.code()).isEqualTo("illegal_transition"));
                }
            }
        }
        assertThat(allowed).isPositive();
        assertThat(refused).isGreaterThan(allowed);
    }

    @Test
    void refusalsNameWhatIsPossibleInstead() {
        CaseStatus handling = status(ServiceKind.ASSIST, GUIDED_HANDLING, PriorityClass.NORMAL, null);
        String m = ((CaseWorkflow.Refused) CaseWorkflow.decide(handling, new CaseAction.Advance(CLOSED))).message();
        assertThat(m).contains("GUIDED_HANDLING (辅助办理)").contains("CLOSED (办结)")
                .contains("RESULT_FEEDBACK (结果反馈) once a result is recorded").contains("record a result")
                .contains("converted").contains("terminated");

        String early = ((CaseWorkflow.Refused) CaseWorkflow.decide(handling,
                new CaseAction.Advance(RESULT_FEEDBACK))).message();
        assertThat(early).contains("record the result first");

        CaseStatus mandate = status(ServiceKind.DELEGATE, MANDATE_ACCEPTED, PriorityClass.NORMAL, null);
        String skip = ((CaseWorkflow.Refused) CaseWorkflow.decide(mandate, new CaseAction.Advance(MATERIALS)))
                .message();
        assertThat(skip).contains("green-channel").contains("go to PLANNING (制定方案)");

        String term = ((CaseWorkflow.Refused) CaseWorkflow.decide(mandate, new CaseAction.Advance(TERMINATED)))
                .message();
        assertThat(term).contains("needs a reason");

        CaseStatus closed = status(ServiceKind.ASSIST, CLOSED, PriorityClass.NORMAL, CaseResult.RESOLVED);
        assertThat(((CaseWorkflow.Refused) CaseWorkflow.decide(closed, new CaseAction.RecordResult(
                CaseResult.NOT_RESOLVED))).message()).contains("has ended").contains("It is final");
    }

    @Test
    void theGreenChannelSkipsPlanningAndTrackingOnlyInTheDelegationFlow() {
        assertThat(CaseWorkflow.greenShortcuts(MANDATE_ACCEPTED)).containsExactly(MATERIALS);
        assertThat(CaseWorkflow.greenShortcuts(MATERIALS)).containsExactly(DELIVERY);
        for (CaseState s : EnumSet.complementOf(EnumSet.of(MANDATE_ACCEPTED, MATERIALS))) {
            assertThat(CaseWorkflow.greenShortcuts(s)).as(s.name()).isEmpty();
        }
    }

    @Test
    void terminationIsAllowedFromEveryStateThatIsNotFinalAndKeepsTheResult() {
        for (CaseStatus s : everyStatus()) {
            for (TerminationReason reason : TerminationReason.values()) {
                CaseWorkflow.Decision d = CaseWorkflow.decide(s, new CaseAction.Terminate(reason, "why"));
                assertThat(CaseWorkflow.canTerminate(s)).isEqualTo(!s.state().isFinal());
                if (s.state().isFinal()) {
                    assertThat(d).as(s + " " + reason).isInstanceOf(CaseWorkflow.Refused.class);
                    continue;
                }
                CaseWorkflow.Step step = ((CaseWorkflow.Allowed) d).step();
                assertThat(step.next()).isEqualTo(new CaseStatus(s.kind(), TERMINATED, s.priority(), s.result(),
                        reason));
                assertThat(step.eventType()).isEqualTo(CaseEventType.TERMINATED);
                assertThat(step.payload().get("reason").asText()).isEqualTo(reason.name());
                assertThat(step.payload().get("from").asText()).isEqualTo(s.state().name());
            }
        }
        assertThatThrownBy(() -> new CaseAction.Terminate(null, "x")).isInstanceOfSatisfying(CaseException.class,
                e -> assertThat(e.code()).isEqualTo("invalid"));
    }

    @Test
    void aResultIsRecordedOnlyDuringHandlingFeedbackMaterialsTrackingAndDelivery() {
        for (CaseStatus s : everyStatus()) {
            for (CaseResult result : CaseResult.values()) {
                CaseWorkflow.Decision d = CaseWorkflow.decide(s, new CaseAction.RecordResult(result));
                boolean expected = RESULT_IN.contains(s.state());
                assertThat(CaseWorkflow.canRecordResult(s)).isEqualTo(expected);
                if (expected) {
                    CaseWorkflow.Step step = ((CaseWorkflow.Allowed) d).step();
                    assertThat(step.next()).isEqualTo(s.withResult(result));
                    assertThat(step.eventType()).isEqualTo(CaseEventType.RESULT_RECORDED);
                } else {
                    assertThat(d).as(s + " " + result).isInstanceOf(CaseWorkflow.Refused.class);
                    assertThat(((CaseWorkflow.Refused) d).code()).isEqualTo(CaseException.Code.ILLEGAL_TRANSITION);
                }
            }
        }
    }

    @Test
    void onlyAnAssistCaseInIntakeOrHandlingWithADelegableItemBecomesAMandate() {
        for (CaseStatus s : everyStatus()) {
            boolean convertible = s.kind() == ServiceKind.ASSIST && (s.state() == INTAKE || s.state() == GUIDED_HANDLING);
            assertThat(CaseWorkflow.canConvert(s)).isEqualTo(convertible);
            CaseWorkflow.Decision yes = CaseWorkflow.decide(s, new CaseAction.ConvertToDelegation(true, "mandate"));
            CaseWorkflow.Decision no = CaseWorkflow.decide(s, new CaseAction.ConvertToDelegation(false));
            if (convertible) {
                CaseWorkflow.Step step = ((CaseWorkflow.Allowed) yes).step();
                assertThat(step.next()).isEqualTo(new CaseStatus(ServiceKind.DELEGATE, MANDATE_ACCEPTED, s.priority(),
                        null, null));
                assertThat(step.eventType()).isEqualTo(CaseEventType.CONVERTED);
                assertThat(((CaseWorkflow.Refused) no).code()).isEqualTo(CaseException.Code.NOT_DELEGABLE);
            } else {
                assertThat(((CaseWorkflow.Refused) yes).code()).as(s.toString())
                        .isEqualTo(CaseException.Code.ILLEGAL_TRANSITION);
                assertThat(((CaseWorkflow.Refused) no).code()).isEqualTo(CaseException.Code.ILLEGAL_TRANSITION);
            }
        }
    }

    @Test
    void notesAreOptionalAndBounded() {
        assertThat(new CaseAction.Advance(GUIDED_HANDLING, "  ").note()).isNull();
        assertThat(new CaseAction.RecordResult(CaseResult.RESOLVED, "x".repeat(CaseAction.MAX_NOTE)).note())
                .hasSize(CaseAction.MAX_NOTE);
        assertThatThrownBy(() -> new CaseAction.Advance(GUIDED_HANDLING, "x".repeat(CaseAction.MAX_NOTE + 1)))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> new CaseAction.Advance(null)).isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> new CaseAction.RecordResult(null)).isInstanceOf(CaseException.class);
        CaseWorkflow.Step step = CaseWorkflow.step(status(ServiceKind.ASSIST, INTAKE, PriorityClass.NORMAL, null),
                new CaseAction.Advance(GUIDED_HANDLING));
        assertThat(step.payload().has("note")).isFalse();
    }

    @Test
    void everyStateHasItsFlowAndLabelsAndExactlyThreeAreFinal() {
        assertThat(EnumSet.allOf(CaseState.class).stream().filter(CaseState::isFinal))
                .containsExactlyInAnyOrder(CLOSED, ARCHIVED, TERMINATED);
        assertThat(CaseState.initial(ServiceKind.ASSIST)).isEqualTo(INTAKE);
        assertThat(CaseState.initial(ServiceKind.DELEGATE)).isEqualTo(MANDATE_ACCEPTED);
        for (Labelled[] values : new Labelled[][] {CaseState.values(), Channel.values(), TerminationReason.values(),
                CaseResult.values(), HelperRole.values()}) {
            for (Labelled v : values) {
                assertThat(v.zh()).isNotBlank().doesNotContainPattern("[A-Za-z]");
                assertThat(v.en()).isNotBlank().matches("[a-z ]+");
            }
        }
        assertThatThrownBy(() -> new CaseStatus(ServiceKind.ASSIST, PLANNING, PriorityClass.NORMAL, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseStatus(ServiceKind.ASSIST, TERMINATED, PriorityClass.NORMAL, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Edge edge(CaseStatus s, CaseState to) {
        for (Edge e : NORMAL) if (e.from() == s.state() && e.to() == to) return e;
        if (s.green()) for (Edge e : GREEN_ONLY) if (e.from() == s.state() && e.to() == to) return e;
        return null;
    }

    private static CaseStatus status(ServiceKind kind, CaseState state, PriorityClass priority, CaseResult result) {
        return new CaseStatus(kind, state, priority, result, null);
    }
}
