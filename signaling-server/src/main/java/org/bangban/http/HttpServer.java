package org.bangban.http;

import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The HTTP side on one port: WebSocket {@code /ws}, REST {@code /api/}, {@code /health}, {@code /metrics} and
 * the web pages from the web-widget jar. Jetty 12 core API, no servlets.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public record WsSettings(long maxMessageBytes, Duration idleTimeout) { }

    public HttpServer(String host, int port, WsSettings ws, Function<String, Session.Listener> endpoints,
                      PrometheusMeterRegistry registry, Supplier<String> status, Supplier<String> healthDetails,
                      ApiRouter api) {
        QueuedThreadPool pool = new QueuedThreadPool(200, 8);
        pool.setName("bangban-http");
        server = new Server(pool);
        server.setStopTimeout(10_000);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        new JettyServerThreadPoolMetrics(pool, List.of()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);

        ContextHandler context = new ContextHandler("/");
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("/health"), new HealthHandler(status, healthDetails));
        routes.addMapping(PathSpec.from("/metrics"), new MetricsHandler(registry));
        routes.addMapping(PathSpec.from("/api/*"), api);
        ResourceHandler pages = new ResourceHandler();
        pages.setBaseResource(ResourceFactory.of(server).newClassLoaderResource("bangban-web"));
        pages.setDirAllowed(false);
        pages.setWelcomeFiles(List.of("index.html"));
        routes.addMapping(PathSpec.from("/"), new AnyOrigin(pages));
        Origins origins = api.origins();

        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            // Jetty's own cap is a hard stop (it closes the connection); ours, checked per message, answers
            // with an error and keeps the connection. So Jetty's is set well above ours.
            container.setMaxTextMessageSize(Math.max(ws.maxMessageBytes() * 16, 1 << 20));
            container.setIdleTimeout(ws.idleTimeout());
            container.setMaxOutgoingFrames(1024);
            container.addMapping("/ws", (req, resp, cb) -> {
                // CORS does not cover WebSockets: a browser page of an origin that is neither ours nor listed in
                // http.cors.origins is refused here (the widget asks GET /api/widget first and tells the applicant)
                String origin = req.getHeaders().get(HttpHeader.ORIGIN);
                String authority = req.getHeaders().get(HttpHeader.HOST);
                if (!origins.allows(origin, authority != null ? authority : req.getHttpURI().getAuthority())) {
                    Response.writeError(req, resp, cb, 403, "a page of " + origin + " may not use this Bangban server;"
                            + " its operator can add the origin to http.cors.origins");
                    return null;
                }
                return endpoints.apply(String.valueOf(req.getConnectionMetaData().getRemoteSocketAddress()));
            });
        });
        upgrade.setHandler(routes);
        context.setHandler(upgrade);
        server.setHandler(context);
    }

    /**
     * The web pages and scripts are public and hold nothing private, so any origin may load them: a portal page of
     * another origin loads widget.js and its modules (module scripts are fetched with CORS) and its message files.
     * Whether that portal may then use the service is decided by the API and the WebSocket ({@link Origins}).
     */
    private static final class AnyOrigin extends Handler.Wrapper {
        AnyOrigin(Handler pages) {
            super(pages);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            return super.handle(request, response, callback);
        }
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
