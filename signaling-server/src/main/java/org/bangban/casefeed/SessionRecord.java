package org.bangban.casefeed;

import java.util.Set;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * One assistance session of a case (table {@code case_session}, V5): inserted when it starts, completed when it
 * ends, its wrap-up set when the helper's wrap-up ends.
 *
 * @param department  the item's department at the time, or null
 * @param endedAt     epoch millis; null while live
 * @param talkMs      ended − started; null while live
 * @param wrapUpMs    the helper's wrap-up after it; null until that ended
 * @param endReason   APPLICANT_ENDED, HELPER_ENDED, SUPERVISOR_ENDED, APPLICANT_LOST, TRANSFERRED, HELPER_LOST; null
 *                    while live
 * @param endedBy     who ended it, or null (live, or the system)
 * @param media       what was used: {@code audio}, {@code video}, {@code screen}
 */
public record SessionRecord(String sessionId, String caseNumber, String requestId, String applicantId,
                            String helperId, String itemId, String department, String queue, ServiceKind kind,
                            PriorityClass priority, long requestedAt, long startedAt, long waitMs, Long endedAt,
                            Long talkMs, Long wrapUpMs, String endReason, String endedBy, Set<String> media) {
    public SessionRecord {
        media = Set.copyOf(media);
    }

    public boolean live() {
        return endedAt == null;
    }

    /** Whether the principal took part as the applicant or the helper. */
    public boolean involves(String principalId) {
        return applicantId.equals(principalId) || helperId.equals(principalId);
    }
}
