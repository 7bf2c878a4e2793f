package org.bangban.relay;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.bangban.relay.control.EventLog;
import org.bangban.relay.control.http.RelayHttpServer;
import org.bangban.relay.media.MediaRelay;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The media relay as its own process: {@code java -jar media-relay/target/bangban-relay.jar}.
 * Configured by environment variables (docs/relay-api.md); the signaling servers drive it over
 * the HTTP control API with the shared secret.
 */
public final class RelayMain {

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        NettyLeakDetection.disableUnlessConfigured();
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bangban-relay-logback.xml");
        }
        Map<String, String> env = System.getenv();
        String secret = env.get("BANGBAN_RELAY_SECRET");
        if (secret == null || secret.length() < 16) {
            System.err.println("BANGBAN_RELAY_SECRET must be set (at least 16 characters, the same as relay.secret"
                    + " on the signaling servers); the relay will not run its control API open.");
            System.exit(2);
        }
        List<String> advertised = Arrays.stream(env.getOrDefault("BANGBAN_RELAY_ADVERTISE", "127.0.0.1").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        int threads = Integer.parseInt(env.getOrDefault("BANGBAN_RELAY_THREADS", "0"));
        RelayConfig config = RelayConfig.defaults()
                .withBindHost(env.getOrDefault("BANGBAN_RELAY_BIND", "0.0.0.0"))
                .withPorts(Integer.parseInt(env.getOrDefault("BANGBAN_RELAY_PORT", "10000")),
                        Integer.parseInt(env.getOrDefault("BANGBAN_RELAY_TCP_PORT", "4443")))
                .withAdvertised(advertised)
                .withIoThreads(threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads)
                .withUdpGso(!"off".equalsIgnoreCase(env.getOrDefault("BANGBAN_RELAY_GSO", "on").trim()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MediaRelay relay = MediaRelay.start(config);
        relay.bindMetrics(registry);
        EventLog events = new EventLog(10_000);
        relay.setEvents(events);
        RelayHttpServer http = new RelayHttpServer(relay, events, secret,
                env.getOrDefault("BANGBAN_RELAY_CONTROL_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("BANGBAN_RELAY_CONTROL_PORT", "8090")), registry::scrape);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            relay.close();
            stopped.countDown();
        }, "bangban-relay-shutdown"));
        System.out.println("Bangban media relay: UDP " + relay.udpPort() + ", ICE-TCP " + relay.tcpPort()
                + ", control http://" + env.getOrDefault("BANGBAN_RELAY_CONTROL_HOST", "0.0.0.0") + ":" + http.port()
                + "/v1/, candidates " + advertised);
        stopped.await();
        Thread.sleep(Duration.ofMillis(10).toMillis());
    }
}
