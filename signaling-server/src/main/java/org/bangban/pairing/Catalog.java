package org.bangban.pairing;

import java.util.List;
import java.util.Optional;
import org.bangban.queue.ServiceItem;

/** The service items 事项 applicants may ask about. */
public interface Catalog {
    Optional<ServiceItem> item(String id);

    List<ServiceItem> items();
}
