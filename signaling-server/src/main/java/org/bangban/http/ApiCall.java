package org.bangban.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.ws.Authenticator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * One REST call as an action sees it: path parameters, query parameters, the caller (from its Bearer token) and the
 * body. Every accessor refuses bad input with an {@link ApiError} that says what was wrong.
 */
public final class ApiCall {
    /** The largest JSON body an action reads. */
    public static final int MAX_JSON_BODY = 64 * 1024;
    /**
     * How much of a refused body (oversized, or refused before it was read) is read and dropped before the error, so
     * a client still sending it sees the answer instead of a reset connection.
     */
    static final int DRAIN_LIMIT = 1024 * 1024;

    private final Request request;
    private final Map<String, String> pathParams;
    private final Authenticator auth;
    private final ObjectMapper mapper;
    private Fields query;
    private Optional<Principal> principal;

    ApiCall(Request request, Map<String, String> pathParams, Authenticator auth, ObjectMapper mapper) {
        this.request = request;
        this.pathParams = pathParams;
        this.auth = auth;
        this.mapper = mapper;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return request.getHttpURI().getPath();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** A path parameter, e.g. {@code number} in {@code /api/cases/{number}}; never blank. */
    public String param(String name) {
        String v = pathParams.get(name);
        if (v == null || v.isBlank()) throw ApiError.invalid("path parameter '" + name + "' is missing");
        return v;
    }

    /** A query parameter, or empty. */
    public Optional<String> query(String name) {
        if (query == null) query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        String v = query.getValue(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A whole-number query parameter within bounds, or the default when absent. */
    public int queryInt(String name, int defaultValue, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) return defaultValue;
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) throw ApiError.invalid("'" + name + "' must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("'" + name + "' must be a whole number, was '" + v.get() + "'");
        }
    }

    /** A request header, or empty. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Who calls, from the {@code Authorization: Bearer} token; empty without one or with a forged/expired one. */
    public Optional<Principal> principal() {
        if (principal == null) {
            String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            principal = h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.empty()
                    : auth.token(h.substring(7).trim());
        }
        return principal;
    }

    /** The caller, who must hold one of the roles: 401 without a valid token, 403 with another role. */
    public Principal require(Role... roles) {
        Principal p = principal().orElseThrow(ApiError::unauthenticated);
        if (roles.length > 0 && Arrays.stream(roles).noneMatch(r -> r == p.role())) {
            throw ApiError.forbidden("this is for " + List.of(roles).toString().toLowerCase(java.util.Locale.ROOT)
                    + "; you are signed in as " + p.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        return p;
    }

    /** The body as a JSON object (at most {@value #MAX_JSON_BODY} bytes). */
    public JsonNode json() {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = request.getLength() > MAX_JSON_BODY ? new byte[MAX_JSON_BODY + 1] : in.readNBytes(MAX_JSON_BODY + 1);
            if (bytes.length > MAX_JSON_BODY) {
                // Read (and drop) a moderately oversized body, so the client gets the 413 instead of a reset while
                // it is still sending; a huge one is not read, the connection closes after the answer.
                drainQuietly(in);
                throw ApiError.tooLarge("the body is over " + MAX_JSON_BODY + " bytes");
            }
            JsonNode n = bytes.length == 0 ? null : mapper.readTree(bytes);
            if (n == null || !n.isObject()) throw ApiError.invalid("the body must be a JSON object");
            return n;
        } catch (IOException e) {
            throw ApiError.invalid("the body is not valid JSON");
        }
    }

    /**
     * Reads and drops what is left of a body, up to {@value #DRAIN_LIMIT} bytes; a larger rest is not read (the
     * connection closes after the answer). Does not close the stream.
     */
    static void drainQuietly(InputStream in) {
        try {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) left -= n;
        } catch (IOException | RuntimeException e) {
            // the client went away or the body was already consumed: nothing to drain
        }
    }

    /** The raw body as a stream (e.g. an uploaded file); the reader must enforce its own size limit. */
    public InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /** The declared body length, or -1 when not declared (chunked). */
    public long contentLength() {
        return request.getLength();
    }

    /** A required text field of a JSON body; refused when missing or blank. */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw ApiError.invalid("'" + field + "' is required");
        return v.asText();
    }

    /** An optional text field of a JSON body. */
    public static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isTextual()) throw ApiError.invalid("'" + field + "' must be text");
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }
}
