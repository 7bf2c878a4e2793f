package org.bangban.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bangban.pairing.Catalog;
import org.bangban.queue.ServiceItem;
import org.bangban.store.ServiceItems;

/** The active service items, read from the record store once at start-up (a restart picks up changes). */
final class StoreCatalog implements Catalog {
    private final List<ServiceItem> items;
    private final Map<String, ServiceItem> byId;

    StoreCatalog(ServiceItems store) {
        this.items = List.copyOf(store.findAllActive());
        this.byId = items.stream().collect(Collectors.toUnmodifiableMap(ServiceItem::id, Function.identity()));
    }

    @Override
    public Optional<ServiceItem> item(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<ServiceItem> items() {
        return items;
    }
}
