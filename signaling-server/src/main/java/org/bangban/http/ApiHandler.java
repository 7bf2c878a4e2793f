package org.bangban.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.LiveState;
import org.bangban.pairing.Catalog;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.ServiceItem;
import org.bangban.ws.Authenticator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/} (docs/api.md). Authorised by a Bearer token from login; bad input gets a
 * JSON error with a code and a message.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final int MAX_BODY = 64 * 1024;
    private final ObjectMapper mapper;
    private final Authenticator auth;
    private final Catalog catalog;
    private final LiveState live;

    ApiHandler(ObjectMapper mapper, Authenticator auth, Catalog catalog, LiveState live) {
        this.mapper = mapper;
        this.auth = auth;
        this.catalog = catalog;
        this.live = live;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        try {
            if (path.equals("/api/items") && HttpMethod.GET.is(method)) {
                return ok(response, items(), callback);
            }
            if (path.equals("/api/auth/login") && HttpMethod.POST.is(method)) {
                return login(request, response, callback);
            }
            if (path.equals("/api/queues") && HttpMethod.GET.is(method)) {
                Optional<Principal> p = bearer(request);
                if (p.isEmpty()) return JsonResponses.json(response, 401, JsonResponses.error("unauthenticated", "send Authorization: Bearer <token> from /api/auth/login"), callback);
                if (p.get().role() != Role.SUPERVISOR && p.get().role() != Role.HELPER) {
                    return JsonResponses.json(response, 403, JsonResponses.error("forbidden", "queues are for helpers and supervisors"), callback);
                }
                return ok(response, queues(), callback);
            }
            return JsonResponses.json(response, 404, JsonResponses.error("not_found", "no API at " + method + " " + path + "; see docs/api.md"), callback);
        } catch (BadRequest e) {
            return JsonResponses.json(response, 400, JsonResponses.error("invalid", e.getMessage()), callback);
        } catch (RuntimeException e) {
            String ref = Long.toHexString(System.nanoTime());
            log.error("internal error [{}] on {} {}: {}", ref, method, path, e.toString(), e);
            return JsonResponses.json(response, 500, JsonResponses.error("internal", "internal error; the server log has reference " + ref), callback);
        }
    }

    private boolean login(Request request, Response response, Callback callback) {
        JsonNode body = body(request);
        String user = text(body, "username");
        String password = text(body, "password");
        char[] pw = password.toCharArray();
        Optional<Principal> p;
        try {
            p = auth.login(user, pw);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
        if (p.isEmpty()) return JsonResponses.json(response, 401, JsonResponses.error("auth_failed", "unknown user or wrong password"), callback);
        ObjectNode n = mapper.createObjectNode();
        n.put("token", auth.issue(p.get()));
        n.put("principalId", p.get().id());
        n.put("role", p.get().role().name().toLowerCase(Locale.ROOT));
        n.put("displayName", p.get().displayName());
        return ok(response, n, callback);
    }

    private ObjectNode items() {
        ArrayNode arr = mapper.createArrayNode();
        for (ServiceItem i : catalog.items()) arr.add(mapper.valueToTree(i));
        ObjectNode n = mapper.createObjectNode();
        n.set("items", arr);
        return n;
    }

    /** The wallboard's basics: waiting and longest wait per queue, helpers by state. */
    private ObjectNode queues() {
        long now = System.currentTimeMillis();
        Map<String, int[]> waiting = new TreeMap<>();
        Map<String, Long> longest = new TreeMap<>();
        for (HelpRequest r : live.waiting()) {
            waiting.computeIfAbsent(r.queue(), k -> new int[1])[0]++;
            longest.merge(r.queue(), now - r.arrivedAt(), Math::max);
        }
        ObjectNode n = mapper.createObjectNode();
        ArrayNode qs = n.putArray("queues");
        waiting.forEach((q, c) -> qs.addObject().put("queue", q).put("waiting", c[0]).put("longestWaitMs", longest.get(q)));
        Map<String, Integer> states = new TreeMap<>();
        for (HelperPresence h : live.helpers()) {
            states.merge(h.effectiveStatus(now).name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        n.set("helpers", mapper.valueToTree(states));
        n.put("liveSessions", live.sessions().size());
        return n;
    }

    private Optional<Principal> bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return auth.token(h.substring(7).trim());
    }

    private JsonNode body(Request request) {
        long len = request.getLength();
        if (len > MAX_BODY) throw new BadRequest("body is over " + MAX_BODY + " bytes");
        try {
            String s = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (s.length() > MAX_BODY) throw new BadRequest("body is over " + MAX_BODY + " bytes");
            JsonNode n = mapper.readTree(s);
            if (n == null || !n.isObject()) throw new BadRequest("body must be a JSON object");
            return n;
        } catch (java.io.IOException e) {
            throw new BadRequest("body is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new BadRequest("'" + field + "' is required");
        return v.asText();
    }

    private boolean ok(Response response, JsonNode body, Callback callback) {
        return JsonResponses.json(response, 200, body.toString(), callback);
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
