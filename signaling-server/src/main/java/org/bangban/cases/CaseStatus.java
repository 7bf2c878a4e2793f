package org.bangban.cases;

import java.util.Objects;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * The part of a case the workflow decides on: kind, state, priority (green channel or not), the result so far and,
 * once terminated, the reason. Pure value; {@link CaseRecord#status()} gives a stored case's.
 *
 * @param result            null until recorded
 * @param terminationReason null unless the state is {@link CaseState#TERMINATED}
 */
public record CaseStatus(ServiceKind kind, CaseState state, PriorityClass priority, CaseResult result,
                         TerminationReason terminationReason) {
    public CaseStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        if (state.flow() != null && state.flow() != kind) {
            throw new IllegalArgumentException("state " + state + " does not belong to the " + kind + " flow");
        }
        if ((state == CaseState.TERMINATED) != (terminationReason != null)) {
            throw new IllegalArgumentException("a termination reason goes with the state TERMINATED and only with it");
        }
    }

    /** A new case of this kind: its flow's first state, no result. */
    public static CaseStatus opened(ServiceKind kind, PriorityClass priority) {
        return new CaseStatus(kind, CaseState.initial(kind), priority, null, null);
    }

    /** Whether the case is on the green channel 绿色通道. */
    public boolean green() {
        return priority == PriorityClass.GREEN;
    }

    public CaseStatus withState(CaseState next) {
        return new CaseStatus(kind, next, priority, result, null);
    }

    public CaseStatus withResult(CaseResult r) {
        return new CaseStatus(kind, state, priority, r, terminationReason);
    }

    public CaseStatus terminated(TerminationReason reason) {
        return new CaseStatus(kind, CaseState.TERMINATED, priority, result, reason);
    }

    /** The 代办 mandate a 帮办 case becomes: kind DELEGATE, state MANDATE_ACCEPTED, no result yet. */
    public CaseStatus convertedToDelegation() {
        return new CaseStatus(ServiceKind.DELEGATE, CaseState.MANDATE_ACCEPTED, priority, null, null);
    }
}
