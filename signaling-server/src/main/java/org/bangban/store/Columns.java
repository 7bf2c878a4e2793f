package org.bangban.store;

/** Reading stored column values back into Java types, with errors that say which row is wrong. */
public final class Columns {
    private Columns() {
    }

    /** The enum constant stored as its name; a value this version does not know is reported, not guessed. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String stored, String table, String rowId) {
        if (stored == null) return null;
        try {
            return Enum.valueOf(type, stored);
        } catch (IllegalArgumentException e) {
            throw new RecordStoreException("row " + rowId + " of table " + table + " holds '" + stored
                    + "', which is not a " + type.getSimpleName() + " this server version knows; was the database"
                    + " written by a newer version or edited by hand?", e);
        }
    }
}
