package org.bangban.store;

import java.util.Locale;

/** The database behind the record store. The schema and the SQL are the same for both. */
public enum Dialect {
    /** One file under the data directory: the embedded profile, one server process. */
    SQLITE,
    /** A PostgreSQL server: the production profile, shared by every signaling node. */
    POSTGRESQL;

    /** The dialect of a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}). */
    public static Dialect ofJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) return SQLITE;
        if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("the record store URL '" + jdbcUrl + "' is neither jdbc:sqlite:… nor"
                + " jdbc:postgresql:…; set db.url to e.g. jdbc:postgresql://db-host:5432/bangban, or leave it"
                + " empty for a SQLite file under data.dir");
    }
}
