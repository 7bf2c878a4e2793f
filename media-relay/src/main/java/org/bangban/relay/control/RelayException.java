package org.bangban.relay.control;

/**
 * A control request the relay refused, with a stable code for programs and a message for the
 * operator saying what was wrong with what.
 */
public final class RelayException extends RuntimeException {

    /** Stable error codes (also the HTTP API's {@code error} field). */
    public enum Code {
        ROOM_NOT_FOUND(404),
        ENDPOINT_NOT_FOUND(404),
        ENDPOINT_EXISTS(409),
        SDP_INVALID(400),
        SDP_UNSUPPORTED(422),
        ROUTING_REFUSED(422),
        BAD_REQUEST(400),
        NOT_READY(409),
        /** The browser came back with a new DTLS certificate (a page reload): its endpoint must be replaced. */
        CERTIFICATE_CHANGED(409),
        RELAY_CLOSED(503);

        private final int httpStatus;

        Code(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;

    public RelayException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
