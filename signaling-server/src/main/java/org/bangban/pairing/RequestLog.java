package org.bangban.pairing;

import org.bangban.queue.HelpRequest;

/** Where the pairing engine records what must outlive it: how each request ended, and callback requests 预约. */
public interface RequestLog {

    /** Records how a request ended; durable before it returns. A second end of the same request is an error. */
    void ended(HelpRequest request, RequestOutcome outcome, String reason, String helperId, long waitMillis, long at);

    /** Records a callback request (and the case it opens, when the log keeps cases); durable before it returns. */
    CallbackRecorded callback(CallbackRequest callback);

    /** A recorded callback: its id, and the case 办件 it opened (null when none was). */
    record CallbackRecorded(String callbackId, String caseNumber) { }

    record CallbackRequest(String applicantId, String itemId, String kind, String language, String contact,
                           String preferredTime, String note, String reason, long at) { }
}
