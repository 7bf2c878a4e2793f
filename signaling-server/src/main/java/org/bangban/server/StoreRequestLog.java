package org.bangban.server;

import org.bangban.casefeed.CallbackCases;
import org.bangban.pairing.RequestLog;
import org.bangban.pairing.RequestOutcome;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.ServiceKind;
import org.bangban.store.CallbackReason;
import org.bangban.store.CallbackRequests;
import org.bangban.store.Ids;
import org.bangban.store.Outcome;
import org.bangban.store.RecordStore;
import org.bangban.store.RequestOutcomes;

/**
 * The pairing engine's records, written to the record store (durable before returning). A callback 预约 and the
 * case 办件 it opens are one transaction.
 */
final class StoreRequestLog implements RequestLog {
    private final RecordStore store;
    private final RequestOutcomes outcomes;
    private final CallbackRequests callbacks;
    private final CallbackCases cases;

    StoreRequestLog(RecordStore store, RequestOutcomes outcomes, CallbackRequests callbacks, CallbackCases cases) {
        this.store = store;
        this.outcomes = outcomes;
        this.callbacks = callbacks;
        this.cases = cases;
    }

    @Override
    public void ended(HelpRequest r, RequestOutcome outcome, String reason, String helperId, long waitMillis, long at) {
        outcomes.insert(new org.bangban.store.RequestOutcome(r.id(), r.applicantId(), r.item().id(), r.queue(),
                r.kind(), r.priority(), Outcome.valueOf(outcome.name()), helperId, Math.max(0, waitMillis), at));
    }

    @Override
    public CallbackRecorded callback(RequestLog.CallbackRequest c) {
        org.bangban.store.CallbackRequest row = new org.bangban.store.CallbackRequest(Ids.newId("cb"), c.applicantId(),
                c.itemId(), ServiceKind.valueOf(c.kind()), c.language(), c.contact(), c.preferredTime(),
                CallbackReason.valueOf(c.reason()), c.note(), c.at());
        String caseNumber = store.write("callback request " + row.id() + " of applicant " + row.applicantId(), tx -> {
            callbacks.insert(tx, row);
            return cases.open(tx, row);
        });
        return new CallbackRecorded(row.id(), caseNumber);
    }
}
