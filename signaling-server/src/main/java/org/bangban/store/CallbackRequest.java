package org.bangban.store;

import java.util.Objects;
import org.bangban.queue.ServiceKind;

/**
 * A callback 预约: the applicant asked to be contacted later about an item.
 *
 * @param id            application-made id (see {@link Ids#newId})
 * @param applicantId   pseudonymous applicant id (guest:… or portal:…)
 * @param itemId        the service item 事项 asked about
 * @param kind          帮办 or 代办
 * @param language      language tag the applicant speaks
 * @param contact       how to reach the applicant (phone, e-mail), as given; may be null
 * @param preferredTime when the applicant would like to be called, as given; may be null
 * @param reason        why a callback rather than a live session
 * @param note          the applicant's note; may be null
 * @param createdAt     epoch millis it was recorded
 */
public record CallbackRequest(String id, String applicantId, String itemId, ServiceKind kind, String language,
                              String contact, String preferredTime, CallbackReason reason, String note,
                              long createdAt) {
    public CallbackRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicantId, "applicantId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reason, "reason");
    }
}
