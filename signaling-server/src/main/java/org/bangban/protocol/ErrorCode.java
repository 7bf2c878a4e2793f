package org.bangban.protocol;

/** The error codes of protocol v1; each error reply also has a human-readable message. */
public enum ErrorCode {
    /** The text is not a JSON object. */
    MALFORMED,
    /** The type is missing or not one this server knows. */
    UNKNOWN_TYPE,
    /** A field is missing or has a wrong value; the message names it. */
    INVALID,
    /** The message is over the maximum size. */
    TOO_LARGE,
    /** More messages than the per-connection rate allows; this one was dropped. */
    RATE_LIMITED,
    /** Authenticate first (auth.guest, auth.token, auth.portal or auth.login). */
    UNAUTHENTICATED,
    /** Bad credentials or token. */
    AUTH_FAILED,
    /** The role may not send this message, or the object is not yours. */
    FORBIDDEN,
    /** No such request, offer, session or item (or not yours). */
    NOT_FOUND,
    /** The state does not allow it now (e.g. already waiting, offer already taken). */
    CONFLICT,
    /** The server is draining or a dependency is down; try again later or elsewhere. */
    UNAVAILABLE,
    /** A bug on our side; the server log has the details under the same id. */
    INTERNAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
