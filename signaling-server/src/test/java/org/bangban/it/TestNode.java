package org.bangban.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bangban.config.Config;
import org.bangban.server.Bangban;

/** A started Bangban node for integration tests: a free port, its own data dir, demo data, given overrides. */
public final class TestNode implements AutoCloseable {
    public final Bangban bangban;

    private TestNode(Bangban b) {
        this.bangban = b;
    }

    public static TestNode start(Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("http.port", "0");
        m.put("http.host", "127.0.0.1");
        m.put("relay.port", "0");
        m.put("relay.tcp.port", "0");
        m.put("relay.bind", "127.0.0.1");
        m.put("relay.threads", "1");
        m.put("data.dir", dataDir.toString());
        m.put("demo", "true");
        m.putAll(overrides);
        if (m.containsKey("redis.url") && !"true".equals(overrides.get("demo"))) m.put("demo", "false");
        return new TestNode(Bangban.start(Config.of(m)));
    }

    /** The test Redis (BANGBAN_TEST_REDIS_URL, or 127.0.0.1:6379), for nodes whose live state must outlive them. */
    public static final String REDIS = TwoNodes.REDIS;

    /** Deletes every key under this prefix of {@link #REDIS}; returns how many remain (0 when clean). */
    public static int deleteRedisKeys(String prefix) {
        return TwoNodes.deleteKeys(REDIS, prefix);
    }

    public int port() {
        return bangban.port();
    }

    public WsClient client(String name) {
        return new WsClient(name, port());
    }

    @Override
    public void close() {
        bangban.close();
    }
}
