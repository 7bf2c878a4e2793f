package org.bangban.http;

import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /health}: 200 with {"status":"ready"} when serving; 503 while starting or draining. */
final class HealthHandler extends Handler.Abstract {
    private final Supplier<String> status;
    private final Supplier<String> details;

    HealthHandler(Supplier<String> status, Supplier<String> details) {
        this.status = status;
        this.details = details;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String s = status.get();
        return JsonResponses.json(response, "ready".equals(s) ? 200 : 503,
                "{\"status\":\"" + s + "\"," + details.get() + "}", callback);
    }
}
