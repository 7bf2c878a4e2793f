package org.bangban.store;

/**
 * A record that may be written only once already exists, e.g. a second outcome for a help request that has
 * already ended. Nothing was changed; the first record stands. Callers that race to end the same request
 * (a cancel against a pairing) may catch this and carry on.
 */
public class AlreadyRecordedException extends RecordStoreException {
    private final String recordId;

    public AlreadyRecordedException(String recordId, String message) {
        super(message);
        this.recordId = recordId;
    }

    /** The id of the record that already exists. */
    public String recordId() {
        return recordId;
    }
}
