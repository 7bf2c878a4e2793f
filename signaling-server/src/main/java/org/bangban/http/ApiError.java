package org.bangban.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal an API action throws: the HTTP status, a stable machine code and a message for the person or program
 * that sent the request (what was wrong, what to do). The router turns it into {@code {"code","message"}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final ObjectNode details;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** A refusal whose body carries, beside {@code code} and {@code message}, the fields of {@code details}. */
    public ApiError(int status, String code, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? null : details.deepCopy();
    }

    /** Extra fields of the error body (e.g. what is allowed instead), or null. */
    public ObjectNode details() {
        return details == null ? null : details.deepCopy();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError invalid(String message) {
        return new ApiError(400, "invalid", message);
    }

    public static ApiError unauthenticated() {
        return new ApiError(401, "unauthenticated",
                "send Authorization: Bearer <token> (from POST /api/auth/login or a WebSocket auth.* reply)");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
