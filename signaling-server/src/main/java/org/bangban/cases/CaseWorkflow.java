package org.bangban.cases;

import static org.bangban.cases.CaseState.ARCHIVED;
import static org.bangban.cases.CaseState.CLOSED;
import static org.bangban.cases.CaseState.DELIVERY;
import static org.bangban.cases.CaseState.GUIDED_HANDLING;
import static org.bangban.cases.CaseState.INTAKE;
import static org.bangban.cases.CaseState.MANDATE_ACCEPTED;
import static org.bangban.cases.CaseState.MATERIALS;
import static org.bangban.cases.CaseState.PLANNING;
import static org.bangban.cases.CaseState.RESULT_FEEDBACK;
import static org.bangban.cases.CaseState.TRACKING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bangban.queue.ServiceKind;

/**
 * The case state machines of the standard, as pure rules: given a case's {@link CaseStatus} and a
 * {@link CaseAction}, the next status and the event that records it, or a refusal. No I/O.
 *
 * <h2>Steps ({@link CaseAction.Advance})</h2>
 * <ul>
 *   <li>帮办: INTAKE → GUIDED_HANDLING → RESULT_FEEDBACK → CLOSED, and RESULT_FEEDBACK → GUIDED_HANDLING when the
 *   feedback shows the applicant still needs guidance.</li>
 *   <li>代办: MANDATE_ACCEPTED → PLANNING → MATERIALS → TRACKING → DELIVERY → ARCHIVED, and TRACKING → MATERIALS
 *   when the department asks for more materials (补正).</li>
 *   <li>绿色通道 green channel, in addition (a normal case may not): MANDATE_ACCEPTED → MATERIALS (the item's standard
 *   plan is used, no 制定方案 step) and MATERIALS → DELIVERY (the department decides on submission, no 跟踪反馈
 *   step). The 帮办 flow has no shortcut: guidance is the service itself.</li>
 * </ul>
 *
 * <h2>Result ({@link CaseAction.RecordResult})</h2>
 * Recorded (and correctable) in GUIDED_HANDLING and RESULT_FEEDBACK (帮办), MATERIALS, TRACKING and DELIVERY
 * (代办). Entering RESULT_FEEDBACK or DELIVERY requires a recorded result, and so does leaving them for CLOSED or
 * ARCHIVED: every normally ended case has one.
 *
 * <h2>Termination ({@link CaseAction.Terminate})</h2>
 * From every state that is not final, with a {@link TerminationReason}; the result recorded so far is kept.
 *
 * <h2>Conversion ({@link CaseAction.ConvertToDelegation})</h2>
 * A 帮办 case in INTAKE or GUIDED_HANDLING whose item is delegable becomes a 代办 mandate in MANDATE_ACCEPTED;
 * a result recorded during guidance is dropped (the mandate will have its own).
 *
 * <p>Refusals carry the code {@code illegal_transition} (or {@code not_delegable}) and a message naming the state
 * and what is possible from it. Final states allow nothing.
 */
public final class CaseWorkflow {
    private static final Map<CaseState, Set<CaseState>> STEPS = new EnumMap<>(CaseState.class);
    private static final Map<CaseState, Set<CaseState>> GREEN_STEPS = new EnumMap<>(CaseState.class);
    private static final Set<CaseState> RESULT_REQUIRED_TO_ENTER = EnumSet.of(RESULT_FEEDBACK, DELIVERY,
            CLOSED, ARCHIVED);
    private static final Set<CaseState> RESULT_RECORDABLE_IN = EnumSet.of(GUIDED_HANDLING, RESULT_FEEDBACK,
            MATERIALS, TRACKING, DELIVERY);
    private static final Set<CaseState> CONVERTIBLE_FROM = EnumSet.of(INTAKE, GUIDED_HANDLING);

    static {
        for (CaseState s : CaseState.values()) {
            STEPS.put(s, EnumSet.noneOf(CaseState.class));
            GREEN_STEPS.put(s, EnumSet.noneOf(CaseState.class));
        }
        STEPS.get(INTAKE).add(GUIDED_HANDLING);
        STEPS.get(GUIDED_HANDLING).add(RESULT_FEEDBACK);
        STEPS.get(RESULT_FEEDBACK).addAll(List.of(CLOSED, GUIDED_HANDLING));
        STEPS.get(MANDATE_ACCEPTED).add(PLANNING);
        STEPS.get(PLANNING).add(MATERIALS);
        STEPS.get(MATERIALS).add(TRACKING);
        STEPS.get(TRACKING).addAll(List.of(DELIVERY, MATERIALS));
        STEPS.get(DELIVERY).add(ARCHIVED);
        GREEN_STEPS.get(MANDATE_ACCEPTED).add(MATERIALS);
        GREEN_STEPS.get(MATERIALS).add(DELIVERY);
    }

    private CaseWorkflow() {
    }

    /** What an allowed action does: the case's next status and the event that records it. */
    public record Step(CaseStatus next, CaseEventType eventType, ObjectNode payload) {
    }

    /** The answer to an action: {@link Allowed} or {@link Refused}. */
    public sealed interface Decision permits Allowed, Refused {
    }

    public record Allowed(Step step) implements Decision {
    }

    /** A refusal with a stable {@link CaseException.Code} and a message for the operator. */
    public record Refused(CaseException.Code code, String message) implements Decision {
        public CaseException toException() {
            return new CaseException(code, message);
        }
    }

    /** Decides an action on a case; never throws for a well-formed action. */
    public static Decision decide(CaseStatus status, CaseAction action) {
        if (status.state().isFinal()) {
            return refuse(status, "it has ended; nothing more can change its state (notes, evaluations and"
                    + " follow-ups can still be added)");
        }
        if (action instanceof CaseAction.Advance a) return advance(status, a);
        if (action instanceof CaseAction.Terminate t) {
            return allowed(status.terminated(t.reason()), CaseEventType.TERMINATED,
                    CasePayloads.terminated(status.state(), t.reason(), t.note()));
        }
        if (action instanceof CaseAction.RecordResult r) return recordResult(status, r);
        if (action instanceof CaseAction.ConvertToDelegation c) return convert(status, c);
        throw new IllegalArgumentException("unknown case action " + action);
    }

    /**
     * The step an action makes.
     *
     * @throws CaseException {@code illegal_transition} or {@code not_delegable} when refused
     */
    public static Step step(CaseStatus status, CaseAction action) {
        Decision d = decide(status, action);
        if (d instanceof Refused r) throw r.toException();
        return ((Allowed) d).step();
    }

    /** The states an {@link CaseAction.Advance} may go to now (taking the result into account), for UIs. */
    public static Set<CaseState> allowedNext(CaseStatus status) {
        Set<CaseState> next = EnumSet.noneOf(CaseState.class);
        for (CaseState to : reachable(status)) {
            if (!RESULT_REQUIRED_TO_ENTER.contains(to) || status.result() != null) next.add(to);
        }
        return Collections.unmodifiableSet(next);
    }

    /** Whether {@link CaseAction.RecordResult} is allowed now. */
    public static boolean canRecordResult(CaseStatus status) {
        return RESULT_RECORDABLE_IN.contains(status.state());
    }

    /** Whether {@link CaseAction.ConvertToDelegation} is allowed now for a delegable item. */
    public static boolean canConvert(CaseStatus status) {
        return status.kind() == ServiceKind.ASSIST && CONVERTIBLE_FROM.contains(status.state());
    }

    /** Whether {@link CaseAction.Terminate} is allowed now: in every state that is not final. */
    public static boolean canTerminate(CaseStatus status) {
        return !status.state().isFinal();
    }

    /** The steps a green-channel case may take that a normal one may not. */
    public static Set<CaseState> greenShortcuts(CaseState from) {
        return Collections.unmodifiableSet(GREEN_STEPS.get(from));
    }

    private static Set<CaseState> reachable(CaseStatus status) {
        Set<CaseState> to = EnumSet.noneOf(CaseState.class);
        to.addAll(STEPS.get(status.state()));
        if (status.green()) to.addAll(GREEN_STEPS.get(status.state()));
        return to;
    }

    private static Decision advance(CaseStatus status, CaseAction.Advance a) {
        CaseState to = a.to();
        if (!reachable(status).contains(to)) {
            String why = to == CaseState.TERMINATED ? "termination is its own action and needs a reason"
                    : to == MANDATE_ACCEPTED && status.kind() == ServiceKind.ASSIST
                    ? "a 帮办 case becomes a 代办 mandate by conversion, which needs a delegable item"
                    : !status.green() && GREEN_STEPS.get(status.state()).contains(to)
                    ? "skipping to " + to.describe() + " is a green-channel 绿色通道 shortcut and this case is not"
                    + " on the green channel"
                    : "that is not a step of the " + flowName(status.kind()) + " flow";
            return refuse(status, "it cannot go to " + to.describe() + ": " + why);
        }
        if (RESULT_REQUIRED_TO_ENTER.contains(to) && status.result() == null) {
            return refuse(status, "it cannot go to " + to.describe() + " before its result is recorded; record"
                    + " the result first");
        }
        return allowed(status.withState(to), CaseEventType.STATE_CHANGED,
                CasePayloads.stateChanged(status.state(), to, a.note()));
    }

    private static Decision recordResult(CaseStatus status, CaseAction.RecordResult r) {
        if (!canRecordResult(status)) {
            return refuse(status, "a result cannot be recorded in this state (only in " + names(
                    RESULT_RECORDABLE_IN.stream().filter(s -> s.flow() == status.kind()).toList()) + ")");
        }
        return allowed(status.withResult(r.result()), CaseEventType.RESULT_RECORDED,
                CasePayloads.resultRecorded(r.result(), r.note()));
    }

    private static Decision convert(CaseStatus status, CaseAction.ConvertToDelegation c) {
        if (!canConvert(status)) {
            return refuse(status, status.kind() == ServiceKind.DELEGATE ? "it is already a 代办 mandate"
                    : "only a 帮办 case in " + names(CONVERTIBLE_FROM) + " can be converted to a 代办 mandate");
        }
        if (!c.itemDelegable()) {
            return new Refused(CaseException.Code.NOT_DELEGABLE, "the case's item is not on the list of items"
                    + " that may be delegated (清单制管理), so the case cannot become a 代办 mandate; keep guiding the"
                    + " applicant (帮办) or add the item to the list first");
        }
        return allowed(status.convertedToDelegation(), CaseEventType.CONVERTED,
                CasePayloads.stateChanged(status.state(), MANDATE_ACCEPTED, c.note()));
    }

    private static Decision allowed(CaseStatus next, CaseEventType type, ObjectNode payload) {
        return new Allowed(new Step(next, type, payload));
    }

    private static Refused refuse(CaseStatus status, String why) {
        return new Refused(CaseException.Code.ILLEGAL_TRANSITION, "the case is in " + status.state().describe()
                + " and " + why + ". " + possible(status));
    }

    /** "From here it can go to …, …" — what the UI could offer instead. */
    static String possible(CaseStatus status) {
        if (status.state().isFinal()) return "It is final.";
        List<String> options = new ArrayList<>();
        Set<CaseState> now = allowedNext(status);
        if (!now.isEmpty()) options.add("go to " + names(now));
        Set<CaseState> later = EnumSet.noneOf(CaseState.class);
        later.addAll(reachable(status));
        later.removeAll(now);
        if (!later.isEmpty()) options.add("go to " + names(later) + " once a result is recorded");
        if (canRecordResult(status)) options.add("record a result");
        if (canConvert(status)) options.add("be converted to a 代办 mandate (delegable items only)");
        options.add("be terminated with a reason");
        return "From here it can " + String.join(", ", options) + ".";
    }

    private static String names(java.util.Collection<CaseState> states) {
        return states.stream().map(CaseState::describe).collect(Collectors.joining(" or "));
    }

    private static String flowName(ServiceKind kind) {
        return kind == ServiceKind.DELEGATE ? "代办 delegation" : "帮办 assist";
    }
}
