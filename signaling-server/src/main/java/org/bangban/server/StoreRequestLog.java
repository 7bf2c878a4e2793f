package org.bangban.server;

import org.bangban.pairing.RequestLog;
import org.bangban.pairing.RequestOutcome;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.ServiceKind;
import org.bangban.store.CallbackReason;
import org.bangban.store.CallbackRequests;
import org.bangban.store.Ids;
import org.bangban.store.Outcome;
import org.bangban.store.RequestOutcomes;

/** The pairing engine's records, written to the record store (durable before returning). */
final class StoreRequestLog implements RequestLog {
    private final RequestOutcomes outcomes;
    private final CallbackRequests callbacks;

    StoreRequestLog(RequestOutcomes outcomes, CallbackRequests callbacks) {
        this.outcomes = outcomes;
        this.callbacks = callbacks;
    }

    @Override
    public void ended(HelpRequest r, RequestOutcome outcome, String reason, String helperId, long waitMillis, long at) {
        outcomes.insert(new org.bangban.store.RequestOutcome(r.id(), r.applicantId(), r.item().id(), r.queue(),
                r.kind(), r.priority(), Outcome.valueOf(outcome.name()), helperId, Math.max(0, waitMillis), at));
    }

    @Override
    public String callback(RequestLog.CallbackRequest c) {
        String id = Ids.newId("cb");
        callbacks.insert(new org.bangban.store.CallbackRequest(id, c.applicantId(), c.itemId(),
                ServiceKind.valueOf(c.kind()), c.language(), c.contact(), c.preferredTime(),
                CallbackReason.valueOf(c.reason()), c.note(), c.at()));
        return id;
    }
}
