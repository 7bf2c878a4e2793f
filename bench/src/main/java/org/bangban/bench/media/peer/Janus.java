package org.bangban.bench.media.peer;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bangban.bench.ChildProcess;
import org.bangban.bench.media.MediaBench;

/**
 * Janus ({@code /usr/bin/janus}, Debian package {@code janus}) as a child process with a configuration folder the
 * harness writes (nothing copied from /etc/janus): the HTTP transport alone, on 127.0.0.1 and a free port, admin API
 * off; every other transport (WebSocket included), every logger and event handler, and every plugin but
 * {@code janus.plugin.echotest} disabled (so the streaming plugin too); no STUN or TURN server; warnings-level log
 * to a temp file; a self-signed DTLS certificate Janus makes at start-up.
 *
 * <p>Janus gathers its ICE candidates with libnice, which skips loopback interfaces: its media candidates are on
 * the host's non-loopback address ({@link #mediaAddress()}, the first up IPv4 interface that is not loopback),
 * and the simulated endpoints bind that address too. The media threads: {@code event_loops} static loops shared
 * by all handles (Janus's setting for many handles; by default it runs one thread per handle).
 */
public final class Janus implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/janus");
    /** Where Debian's package puts the plugins, transports, loggers and event handlers. */
    static final Path LIBRARIES = Path.of("/usr/lib/x86_64-linux-gnu/janus");
    static final String ECHOTEST = "libjanus_echotest.so";
    static final String HTTP = "libjanus_http.so";
    private static final long READY_TIMEOUT_MS = 30_000;

    private final ChildProcess process;
    private final URI api;
    private final InetAddress mediaAddress;
    private final int eventLoops;
    private final Path dir;

    private Janus(ChildProcess process, URI api, InetAddress mediaAddress, int eventLoops, Path dir) {
        this.process = process;
        this.api = api;
        this.mediaAddress = mediaAddress;
        this.eventLoops = eventLoops;
        this.dir = dir;
    }

    /**
     * Starts Janus with {@code eventLoops} media event loops (0: Janus's default, a thread per handle) and waits until
     * its HTTP API answers {@code info}.
     */
    public static Janus start(int eventLoops) throws IOException, InterruptedException {
        PeerLogs.requireInstalled("Janus", BINARY, "janus");
        InetAddress media = hostAddress().orElseThrow(() -> new IllegalStateException("this host has no up, "
                + "non-loopback IPv4 interface; Janus (libnice) gathers no candidates on loopback, so it cannot "
                + "carry media here"));
        Path dir = Files.createTempDirectory("bench-janus-");
        int port = MediaBench.freeTcpPort();
        writeConfig(dir, LIBRARIES, port, media, eventLoops);
        List<String> command = List.of(BINARY.toString(), "--config=" + dir.resolve("janus.jcfg"),
                "--configs-folder=" + dir, "--log-file=" + dir.resolve("janus.log"), "--disable-stdout",
                "--disable-colors", "--debug-level=3");
        ChildProcess process = ChildProcess.start(command, Map.of(), List.of(), dir, "janus| ", null, Duration.ZERO,
                line -> { });
        URI api = URI.create("http://127.0.0.1:" + port + "/janus");
        Janus janus = new Janus(process, api, media, eventLoops, dir);
        try {
            janus.awaitInfo();
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.stop();
            throw e;
        }
        return janus;
    }

    /** The first up, non-loopback IPv4 address of this host (what Janus's candidates use), if any. */
    public static Optional<InetAddress> hostAddress() {
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (NetworkInterface nic : interfaces) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list
        }
        return Optional.empty();
    }

    /** Writes janus.jcfg, the HTTP transport's and EchoTest's configuration into {@code dir}. */
    static void writeConfig(Path dir, Path libraries, int port, InetAddress media, int eventLoops) throws IOException {
        String plugins = disabled(libraries.resolve("plugins"), ECHOTEST);
        String transports = disabled(libraries.resolve("transports"), HTTP);
        String loggers = disabled(libraries.resolve("loggers"), null);
        String events = disabled(libraries.resolve("events"), null);
        String nic = NetworkInterface.getByInetAddress(media) == null ? media.getHostAddress()
                : NetworkInterface.getByInetAddress(media).getName();
        Files.writeString(dir.resolve("janus.jcfg"), String.join("\n",
                "# written by the Bangban bench for one run; see bench/README.md",
                "general: {",
                "  configs_folder = \"" + dir + "\"",
                "  plugins_folder = \"" + libraries.resolve("plugins") + "\"",
                "  transports_folder = \"" + libraries.resolve("transports") + "\"",
                "  events_folder = \"" + libraries.resolve("events") + "\"",
                "  loggers_folder = \"" + libraries.resolve("loggers") + "\"",
                "  debug_level = 3",
                "  server_name = \"bangban-bench\"",
                "  session_timeout = 60",
                eventLoops > 0 ? "  event_loops = " + eventLoops : "",
                "}",
                "certificates: {",
                "}",
                "media: {",
                "  ipv6 = false",
                "  rtp_port_range = \"40000-60000\"",
                "}",
                "nat: {",
                "  nice_debug = false",
                "  ice_enforce_list = \"" + nic + "\"",
                "}",
                "plugins: {",
                "  disable = \"" + plugins + "\"",
                "}",
                "transports: {",
                "  disable = \"" + transports + "\"",
                "}",
                "loggers: {",
                "  disable = \"" + loggers + "\"",
                "}",
                "events: {",
                "  broadcast = false",
                "  disable = \"" + events + "\"",
                "}", ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), String.join("\n",
                "general: {",
                "  json = \"compact\"",
                "  base_path = \"/janus\"",
                "  http = true",
                "  port = " + port,
                "  ip = \"127.0.0.1\"",
                "  https = false",
                "}",
                "admin: {",
                "  admin_http = false",
                "  admin_https = false",
                "}",
                "cors: {",
                "}", ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("janus.plugin.echotest.jcfg"), "general: {\n}\n", StandardCharsets.UTF_8);
    }

    /** The {@code .so} files of a Janus library folder but {@code keep}, comma-separated. */
    static String disabled(Path folder, String keep) throws IOException {
        if (!Files.isDirectory(folder)) return "";
        try (Stream<Path> files = Files.list(folder)) {
            return String.join(",", files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("libjanus_") && n.endsWith(".so") && !n.equals(keep)).sorted().toList());
        }
    }

    private void awaitInfo() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        HttpRequest info = HttpRequest.newBuilder(URI.create(api + "/info")).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            requireAlive("while starting");
            try {
                HttpResponse<String> r = http.send(info, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains(JanusApi.ECHOTEST_PLUGIN)) return;
                last = "HTTP " + r.statusCode() + ": " + r.body().substring(0, Math.min(200, r.body().length()));
            } catch (IOException e) {
                last = e.toString();
                Thread.sleep(100); // connection refused until the transport is up: poll again shortly
            }
        }
        throw new IllegalStateException("Janus (pid " + process.pid() + ") did not answer GET " + api + "/info with "
                + "the EchoTest plugin loaded within " + READY_TIMEOUT_MS / 1000 + " s (last: " + last
                + "); the end of its log:\n" + logTail());
    }

    public long pid() {
        return process.pid();
    }

    /** The base of its HTTP API, {@code http://127.0.0.1:<port>/janus}. */
    public URI api() {
        return api;
    }

    /** The address its media candidates use (the host's non-loopback IPv4 address). */
    public InetAddress mediaAddress() {
        return mediaAddress;
    }

    /** The {@code event_loops} setting it runs with (0: a thread per handle). */
    public int eventLoops() {
        return eventLoops;
    }

    public Path logFile() {
        return dir.resolve("janus.log");
    }

    public void requireAlive(String during) {
        PeerLogs.requireAlive("Janus", process, logFile(), during);
    }

    /** The last lines of its log. */
    public String logTail() {
        return PeerLogs.tail(logFile(), 20);
    }

    /** SIGTERM; returns the exit status (-1 when it had to be killed). */
    public int stop() throws InterruptedException {
        return process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
