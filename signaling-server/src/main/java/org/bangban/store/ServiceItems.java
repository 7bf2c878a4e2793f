package org.bangban.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bangban.queue.ServiceItem;

/**
 * The service items 事项 applicants can ask for help with, and whether each is on the managed list of 代办 items.
 * An item is never deleted (records refer to it by id); it is made inactive instead.
 */
public final class ServiceItems {
    private static final String COLUMNS = "id, name_zh, name_en, category, department, delegable, fallback_group";

    private final RecordStore store;

    public ServiceItems(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Adds the item, or updates the item with the same id; either way it is active afterwards. */
    public void upsert(ServiceItem item) {
        upsert(item, true);
    }

    /** Adds or updates the item and sets whether applicants can choose it. */
    public void upsert(ServiceItem item, boolean active) {
        validate(item);
        store.write("service item " + item.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO service_item (" + COLUMNS + ", active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh,"
                            + " name_en = excluded.name_en, category = excluded.category,"
                            + " department = excluded.department, delegable = excluded.delegable,"
                            + " fallback_group = excluded.fallback_group, active = excluded.active")) {
                ps.setString(1, item.id());
                ps.setString(2, item.nameZh());
                ps.setString(3, item.nameEn());
                ps.setString(4, item.category());
                ps.setString(5, item.department());
                ps.setInt(6, item.delegable() ? 1 : 0);
                ps.setString(7, item.fallbackGroup());
                ps.setInt(8, active ? 1 : 0);
                return ps.executeUpdate();
            }
        });
    }

    /** Makes an item unavailable to new requests; its records stay. Returns false when there is no such item. */
    public boolean deactivate(String id) {
        return store.write("deactivation of service item " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_item SET active = 0 WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The active items, by category then id. */
    public List<ServiceItem> findAllActive() {
        return store.read("the active service items", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM service_item WHERE active = 1 ORDER BY category, id");
                 ResultSet rs = ps.executeQuery()) {
                List<ServiceItem> items = new ArrayList<>();
                while (rs.next()) items.add(map(rs));
                return items;
            }
        });
    }

    /** The item with this id, active or not. */
    public Optional<ServiceItem> findById(String id) {
        return find(id, false);
    }

    /** The item with this id if applicants can choose it now. */
    public Optional<ServiceItem> findActiveById(String id) {
        return find(id, true);
    }

    private Optional<ServiceItem> find(String id, boolean activeOnly) {
        if (id == null) return Optional.empty();
        return store.read("service item " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM service_item WHERE id = ?"
                    + (activeOnly ? " AND active = 1" : ""))) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private static ServiceItem map(ResultSet rs) throws SQLException {
        return new ServiceItem(rs.getString("id"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("category"), rs.getString("department"), rs.getInt("delegable") != 0,
                rs.getString("fallback_group"));
    }

    private static void validate(ServiceItem item) {
        Objects.requireNonNull(item, "item");
        if (isBlank(item.id())) throw new IllegalArgumentException("a service item needs an id: " + item);
        if (isBlank(item.nameZh())) {
            throw new IllegalArgumentException("service item " + item.id() + " needs a Chinese name (nameZh)");
        }
        if (isBlank(item.category())) {
            throw new IllegalArgumentException("service item " + item.id() + " needs a category (its queue)");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
