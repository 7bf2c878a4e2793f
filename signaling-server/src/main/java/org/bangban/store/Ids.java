package org.bangban.store;

import java.util.UUID;

/** Record ids are made by the application (the same SQL on SQLite and PostgreSQL, no sequences). */
public final class Ids {
    private Ids() {
    }

    /** A new random id with a readable prefix, e.g. {@code newId("cb")} → {@code cb-3f2c…}. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
