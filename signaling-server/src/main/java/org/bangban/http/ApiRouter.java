package org.bangban.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.bangban.ws.Authenticator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/} (docs/api.md): routes like {@code GET /api/cases/{number}} registered by
 * {@link ApiModule}s, each to an {@link ApiAction}. A path that matches no route is 404, a known path with another
 * method 405; an {@link ApiError} or a mapped domain exception becomes {@code {"code","message"}} with its status;
 * anything else is logged with a reference and answered 500 {@code internal} (no details leak to the caller).
 */
public final class ApiRouter extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    private record Route(String method, String[] segments, ApiAction action) { }

    private final List<Route> routes = new ArrayList<>();
    private final Map<Class<? extends RuntimeException>, Function<RuntimeException, ApiError>> mappers = new LinkedHashMap<>();
    private final Authenticator auth;
    private final ObjectMapper mapper;
    private final Origins origins;

    public ApiRouter(Authenticator auth, ObjectMapper mapper, List<ApiModule> modules) {
        this(auth, mapper, modules, java.util.Set.of());
    }

    /**
     * @param allowedOrigins origins (e.g. {@code https://portal.example.gov.cn}) whose pages may call the API from
     *                       the browser (CORS): the portal pages that embed the help button; empty = same origin only.
     *                       Calls authenticate with a Bearer token, never cookies, so no credentials are allowed.
     */
    public ApiRouter(Authenticator auth, ObjectMapper mapper, List<ApiModule> modules, java.util.Set<String> allowedOrigins) {
        this(auth, mapper, modules, new Origins(allowedOrigins));
    }

    /** @param origins the portal origins that get CORS headers ({@code http.cors.origins}) */
    public ApiRouter(Authenticator auth, ObjectMapper mapper, List<ApiModule> modules, Origins origins) {
        this.auth = auth;
        this.mapper = mapper;
        this.origins = origins;
        for (ApiModule m : modules) m.register(this);
    }

    /** Which origins may use Bangban from a browser (also checked on the WebSocket upgrade). */
    public Origins origins() {
        return origins;
    }

    public void get(String pattern, ApiAction action) {
        add("GET", pattern, action);
    }

    public void post(String pattern, ApiAction action) {
        add("POST", pattern, action);
    }

    public void put(String pattern, ApiAction action) {
        add("PUT", pattern, action);
    }

    /**
     * Adds a route; {@code {name}} segments are path parameters ({@link ApiCall#param}).
     *
     * @throws IllegalStateException when the same method and pattern is registered twice
     */
    public void add(String method, String pattern, ApiAction action) {
        if (!pattern.startsWith("/api/")) throw new IllegalArgumentException("API routes live under /api/: " + pattern);
        String[] segments = pattern.substring(1).split("/");
        for (Route r : routes) {
            if (r.method.equals(method) && String.join("/", r.segments).equals(String.join("/", segments))) {
                throw new IllegalStateException("route " + method + " " + pattern + " is registered twice");
            }
        }
        routes.add(new Route(method, segments, action));
    }

    /** Maps a domain exception (e.g. a refused case transition) to an HTTP error. */
    @SuppressWarnings("unchecked")
    public <E extends RuntimeException> void mapError(Class<E> type, Function<E, ApiError> toError) {
        if (mappers.containsKey(type)) {
            throw new IllegalStateException(type.getSimpleName() + " is mapped to HTTP errors twice; one module maps it");
        }
        mappers.put(type, e -> toError.apply((E) e));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origins.listed(origin)) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.VARY, "Origin");
            if ("OPTIONS".equals(method)) { // a preflight from an embedding portal page
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        }
        try {
            String[] segments = path.substring(1).split("/");
            Map<String, String> params = new HashMap<>();
            Route found = null;
            TreeSet<String> allowed = new TreeSet<>();
            for (Route r : routes) {
                params.clear();
                if (!matches(r.segments, segments, params)) continue;
                if (r.method.equals(method) || ("HEAD".equals(method) && "GET".equals(r.method))) {
                    found = r;
                    break;
                }
                allowed.add(r.method);
            }
            if (found == null) {
                if (!allowed.isEmpty()) {
                    response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                    throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + path
                            + "; allowed: " + String.join(", ", allowed));
                }
                throw ApiError.notFound("no API at " + method + " " + path + "; see docs/api.md");
            }
            return send(response, found.action.handle(new ApiCall(request, Map.copyOf(params), auth, mapper)), callback);
        } catch (ApiError e) {
            drainQuietly(request);
            return error(response, e, callback);
        } catch (RuntimeException e) {
            ApiError mapped = map(e);
            if (mapped != null) {
                drainQuietly(request);
                return error(response, mapped, callback);
            }
            return internal(response, method, path, e, callback);
        } catch (Exception e) {
            return internal(response, method, path, e, callback);
        }
    }

    /**
     * Drains what is left of a refused request's body ({@link ApiCall#drainQuietly}), so a client still sending it —
     * an upload refused as too large or of the wrong type — gets the error instead of a reset connection.
     */
    private static void drainQuietly(Request request) {
        try (java.io.InputStream in = Content.Source.asInputStream(request)) {
            ApiCall.drainQuietly(in);
        } catch (java.io.IOException | RuntimeException e) {
            // the client went away or the body was already consumed: nothing to drain
        }
    }

    private ApiError map(RuntimeException e) {
        for (Map.Entry<Class<? extends RuntimeException>, Function<RuntimeException, ApiError>> m : mappers.entrySet()) {
            if (m.getKey().isInstance(e)) return m.getValue().apply(e);
        }
        return null;
    }

    private static boolean matches(String[] pattern, String[] path, Map<String, String> params) {
        if (pattern.length != path.length) return false;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) return false;
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean send(Response response, ApiReply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (reply instanceof ApiReply.Json j) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, j.body() == null ? "{}" : j.body().toString(), callback);
        } else if (reply instanceof ApiReply.Text t) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, t.contentType() + "; charset=utf-8");
            Content.Sink.write(response, true, t.body(), callback);
        } else if (reply instanceof ApiReply.Bytes b) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, b.contentType());
            response.write(true, java.nio.ByteBuffer.wrap(b.body()), callback);
        }
        return true;
    }

    private boolean error(Response response, ApiError e, Callback callback) {
        ObjectNode details = e.details();
        if (details == null) {
            return JsonResponses.json(response, e.status(), JsonResponses.error(e.code(), e.getMessage()), callback);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        details.remove(List.of("code", "message"));
        body.setAll(details);
        return JsonResponses.json(response, e.status(), body.toString(), callback);
    }

    private static boolean internal(Response response, String method, String path, Exception e, Callback callback) {
        String ref = Long.toHexString(System.nanoTime());
        log.error("internal error [{}] on {} {}: {}", ref, method, path, e.toString(), e);
        return JsonResponses.json(response, 500, JsonResponses.error("internal",
                "internal error; the server log has reference " + ref), callback);
    }

    /** The registered routes, e.g. {@code GET /api/items}, for docs and tests. */
    public List<String> describe() {
        return routes.stream().map(r -> r.method + " /" + String.join("/", r.segments)).toList();
    }
}
