package org.bangban.pairing;

import org.bangban.queue.HelpRequest;

/** Where the pairing engine records what must outlive it: how each request ended, and callback requests 预约. */
public interface RequestLog {

    /** Records how a request ended; durable before it returns. A second end of the same request is an error. */
    void ended(HelpRequest request, RequestOutcome outcome, String reason, String helperId, long waitMillis, long at);

    /** Records a callback request; durable before it returns; returns its id. */
    String callback(CallbackRequest callback);

    record CallbackRequest(String applicantId, String itemId, String kind, String language, String contact,
                           String preferredTime, String note, String reason, long at) { }
}
