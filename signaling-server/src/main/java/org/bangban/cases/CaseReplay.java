package org.bangban.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangban.queue.ServiceKind;

/**
 * Rebuilds a case from its events alone: the proof that the case row agrees with its log, and a way to see a case
 * as it was after any event. Pure; folds the types that {@link CaseEventType#changesCase() change a case} and only
 * counts the others.
 */
public final class CaseReplay {
    private CaseReplay() {
    }

    /**
     * What the events say the case is.
     *
     * @param helpers helper id → role, sorted by id
     * @param closedAt when the case reached a final state; null while open
     */
    public record Replayed(String number, CaseStatus status, Map<String, HelperRole> helpers, long lastSeq,
                           Instant createdAt, Instant updatedAt, Instant closedAt) {
    }

    /**
     * Folds a case's events, in seq order.
     *
     * @throws IllegalStateException when the events are not one case's log: not starting with CREATED at seq 1,
     *                               a gap or repeat in seq, another case's event, or a state change from a state
     *                               the case was not in
     */
    public static Replayed replay(List<CaseEvent> events) {
        if (events.isEmpty() || events.get(0).type() != CaseEventType.CREATED || events.get(0).seq() != 1) {
            throw new IllegalStateException("a case's events start with CREATED at seq 1; got "
                    + (events.isEmpty() ? "none" : events.get(0).type() + " at seq " + events.get(0).seq()));
        }
        CaseEvent first = events.get(0);
        String number = first.caseNumber();
        ObjectNode created = first.payload();
        ServiceKind kind = CasePayloads.enumValue(created, CasePayloads.KIND, ServiceKind.class);
        CaseStatus status = new CaseStatus(kind, CasePayloads.enumValue(created, CasePayloads.STATE, CaseState.class),
                CasePayloads.priority(created), null, null);
        Map<String, HelperRole> helpers = new TreeMap<>();
        Instant closedAt = null;
        long seq = 0;
        for (CaseEvent e : events) {
            if (!e.caseNumber().equals(number) || e.seq() != seq + 1) {
                throw new IllegalStateException("event " + e.caseNumber() + "#" + e.seq() + " does not follow "
                        + number + "#" + seq);
            }
            seq = e.seq();
            ObjectNode p = e.payload();
            switch (e.type()) {
                case STATE_CHANGED -> status = status.withState(to(status, p));
                case CONVERTED -> {
                    to(status, p);
                    status = status.convertedToDelegation();
                }
                case RESULT_RECORDED -> status = status.withResult(
                        CasePayloads.enumValue(p, CasePayloads.RESULT, CaseResult.class));
                case TERMINATED -> status = status.terminated(
                        CasePayloads.enumValue(p, CasePayloads.REASON, TerminationReason.class));
                case HELPER_ASSIGNED -> helpers.put(CasePayloads.text(p, CasePayloads.HELPER_ID),
                        CasePayloads.enumValue(p, CasePayloads.ROLE, HelperRole.class));
                case TRANSFERRED -> {
                    String from = CasePayloads.text(p, CasePayloads.FROM);
                    if (from != null) helpers.put(from, HelperRole.TRANSFERRED_FROM);
                    helpers.put(CasePayloads.text(p, CasePayloads.TO), HelperRole.PRIMARY);
                }
                default -> {
                    // events that do not change the case
                }
            }
            if (closedAt == null && status.state().isFinal()) closedAt = e.at();
        }
        return new Replayed(number, status, Collections.unmodifiableMap(helpers), seq, first.at(),
                events.get(events.size() - 1).at(), closedAt);
    }

    /** The target of a state change, checked against the state the case is in. */
    private static CaseState to(CaseStatus status, ObjectNode p) {
        CaseState from = CasePayloads.enumValue(p, CasePayloads.FROM, CaseState.class);
        if (from != status.state()) {
            throw new IllegalStateException("a state change from " + from + " while the case is in " + status.state());
        }
        return CasePayloads.enumValue(p, CasePayloads.TO, CaseState.class);
    }
}
