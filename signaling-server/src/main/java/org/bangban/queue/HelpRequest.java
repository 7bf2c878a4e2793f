package org.bangban.queue;

import java.util.Set;

/**
 * An applicant's help request as the queue sees it. Immutable: changes make a copy.
 *
 * @param id               request id (server-made)
 * @param applicantId      pseudonymous applicant id
 * @param item             the service item 事项 asked about
 * @param kind             帮办 or 代办
 * @param language         language tag the applicant speaks, e.g. "zh" or "en"
 * @param priority         normal or green channel
 * @param greenReason      why green; null when normal
 * @param preferredHelperId a helper the applicant would like (soft); null for none
 * @param requiredHelperId a helper the request must go to (transfer to a named helper); null for none
 * @param targetGroup      a skill group the request must go to (transfer to a group); null for none
 * @param description      short description written by the applicant
 * @param arrivedAt        epoch millis the request entered the queue
 * @param headStartMillis  seniority bonus: green channel and transfers are served as if they had arrived earlier
 * @param declinedBy       helpers who declined or let an offer to this request time out; not offered again
 */
public record HelpRequest(String id, String applicantId, ServiceItem item, ServiceKind kind, String language,
                          PriorityClass priority, GreenReason greenReason, String preferredHelperId,
                          String requiredHelperId, String targetGroup, String description,
                          long arrivedAt, long headStartMillis, Set<String> declinedBy) {

    public HelpRequest {
        declinedBy = Set.copyOf(declinedBy);
    }

    /** The key the queue is served in, ascending: arrival time less the head start. Static, so a sorted set can hold it. */
    public long serviceKey() {
        return arrivedAt - headStartMillis;
    }

    /** The queue this request waits in: its item's category. */
    public String queue() {
        return item.category();
    }

    /**
     * What its place is counted in: its queue (item category) in its language. Only helpers speaking the language
     * can serve it, so an applicant is not told they stand behind requests in other languages (a queue of requests
     * in a language whose speakers are on a break would otherwise push everyone's position and wait back).
     */
    public String placeQueue() {
        return item.category() + PLACE_SEPARATOR + (language == null ? "" : language);
    }

    /** Between the category and the language in {@link #placeQueue()} (a character no category name holds). */
    public static final char PLACE_SEPARATOR = '\u001f';

    /** The queue (item category) of a {@link #placeQueue()}; a name without a language is a queue already. */
    public static String queueOfPlace(String placeQueue) {
        int at = placeQueue.lastIndexOf(PLACE_SEPARATOR);
        return at < 0 ? placeQueue : placeQueue.substring(0, at);
    }

    public HelpRequest withDeclinedBy(String helperId) {
        var s = new java.util.HashSet<>(declinedBy);
        s.add(helperId);
        return new HelpRequest(id, applicantId, item, kind, language, priority, greenReason, preferredHelperId,
                requiredHelperId, targetGroup, description, arrivedAt, headStartMillis, s);
    }
}
