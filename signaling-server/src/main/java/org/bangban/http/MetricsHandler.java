package org.bangban.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /metrics}: Prometheus text exposition. */
final class MetricsHandler extends Handler.Abstract {
    private final PrometheusMeterRegistry registry;

    MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        return JsonResponses.write(response, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape(), callback);
    }
}
