package org.bangban.http;

/**
 * A feature's REST endpoints (cases, evaluations, indicators, …): registers its routes, and the exceptions of its
 * domain it wants mapped to HTTP errors, on the router the server builds at start.
 */
@FunctionalInterface
public interface ApiModule {
    void register(ApiRouter router);
}
