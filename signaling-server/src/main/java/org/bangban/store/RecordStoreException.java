package org.bangban.store;

/**
 * The record store could not do what was asked: the database is unreachable, a migration failed, or a
 * statement was refused. The message says what was being done, to what, and what the operator can check.
 */
public class RecordStoreException extends RuntimeException {
    public RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordStoreException(String message) {
        super(message);
    }
}
