package org.bangban.live;

import org.bangban.queue.HelpRequest;

/**
 * An assistance session between an applicant and a helper, live now.
 *
 * @param id          session id
 * @param request     the request it answers
 * @param helperId    the helper who holds it
 * @param startedAt   epoch millis it was accepted
 */
public record LiveSession(String id, HelpRequest request, String helperId, long startedAt) {
    public String applicantId() {
        return request.applicantId();
    }

    public boolean involves(String principalId) {
        return helperId.equals(principalId) || applicantId().equals(principalId);
    }
}
