package org.bangban.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * A case 办件 as stored (table {@code service_case}) with its helpers. Real-name data is masked here; the plain
 * values come only from {@link Cases#revealRealName}.
 *
 * @param result            null until recorded
 * @param terminationReason set only in {@link CaseState#TERMINATED}
 * @param closedAt          when it reached a final state; null while open
 * @param lastSeq           the seq of its latest event (= the number of its events)
 */
public record CaseRecord(String number, String applicantId, MaskedRealName realName, String itemId,
                         String department, ServiceKind kind, Channel channel, PriorityClass priority,
                         GreenReason greenReason, CaseState state, CaseResult result,
                         TerminationReason terminationReason, String createdBy, Instant createdAt, Instant updatedAt,
                         Instant closedAt, long lastSeq, String requestId, String description,
                         List<CaseHelper> helpers) {
    public CaseRecord {
        helpers = List.copyOf(helpers);
    }

    /** What the workflow decides on. */
    public CaseStatus status() {
        return new CaseStatus(kind, state, priority, result, terminationReason);
    }

    /** The primary helper 主办, or null. */
    public String primaryHelper() {
        return helpers.stream().filter(h -> h.role() == HelperRole.PRIMARY).map(CaseHelper::helperId).findFirst()
                .orElse(null);
    }

    /** Whether this helper is (or was) one of the case's helpers, in any role. */
    public boolean hasHelper(String helperId) {
        return helpers.stream().anyMatch(h -> h.helperId().equals(helperId));
    }

    /** Helper id → role, sorted by id (as {@link CaseReplay.Replayed#helpers()}). */
    public Map<String, HelperRole> helperRoles() {
        Map<String, HelperRole> roles = new TreeMap<>();
        for (CaseHelper h : helpers) roles.put(h.helperId(), h.role());
        return roles;
    }
}
