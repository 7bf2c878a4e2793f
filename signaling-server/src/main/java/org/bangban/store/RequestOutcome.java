package org.bangban.store;

import java.util.Objects;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;

/**
 * The end of one help request, for response-time 响应时间 and resolution statistics.
 *
 * @param requestId   the help request
 * @param applicantId pseudonymous applicant id
 * @param itemId      the service item 事项
 * @param queue       the queue it waited in (the item's category)
 * @param kind        帮办 or 代办
 * @param priority    normal or green channel 绿色通道
 * @param outcome     how it ended
 * @param helperId    the helper who took it when PAIRED; null otherwise
 * @param waitMs      how long it waited, in milliseconds
 * @param endedAt     epoch millis it ended
 */
public record RequestOutcome(String requestId, String applicantId, String itemId, String queue, ServiceKind kind,
                             PriorityClass priority, Outcome outcome, String helperId, long waitMs, long endedAt) {
    public RequestOutcome {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(applicantId, "applicantId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(outcome, "outcome");
        if (waitMs < 0) throw new IllegalArgumentException("waitMs must not be negative, was " + waitMs);
    }
}
