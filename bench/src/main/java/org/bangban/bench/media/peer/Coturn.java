package org.bangban.bench.media.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bangban.bench.ChildProcess;
import org.bangban.bench.media.MediaBench;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;
import org.bangban.relay.stun.StunParseResult;

/**
 * coturn ({@code /usr/bin/turnserver}, Debian package {@code coturn}) as a child process with its settings on the
 * command line and no configuration file ({@code -n}): UDP on 127.0.0.1 and a free port, relayed addresses on
 * 127.0.0.1 in a port range of its own, loopback peers allowed, no TLS, DTLS, TCP or CLI, long-term credentials with
 * a user and realm made up for the run, a log file in a temp folder. The relay threads are coturn's default (one
 * UDP relay thread per CPU core, "Net Engine version 3"). {@link #start} returns once it answers a STUN Binding.
 */
public final class Coturn implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/turnserver");
    private static final long READY_TIMEOUT_MS = 15_000;

    private final ChildProcess process;
    private final InetSocketAddress address;
    private final String username;
    private final String password;
    private final String realm;
    private final int minPort;
    private final int maxPort;
    private final Path dir;

    private Coturn(ChildProcess process, InetSocketAddress address, String username, String password, String realm,
                   int minPort, int maxPort, Path dir) {
        this.process = process;
        this.address = address;
        this.username = username;
        this.password = password;
        this.realm = realm;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.dir = dir;
    }

    /** Starts coturn with room for {@code allocations} relayed ports and waits until it answers. */
    public static Coturn start(int allocations) throws IOException, InterruptedException {
        PeerLogs.requireInstalled("coturn", BINARY, "coturn");
        Path dir = Files.createTempDirectory("bench-coturn-");
        int port = MediaBench.freeUdpPort();
        int span = Math.min(15_000, Math.max(1000, allocations * 4)); // coturn takes up to 2 ports an allocation
        // below Linux's ephemeral range (32768–60999), so the harness's own sockets do not take the relay ports
        int minPort = 10_000 + ThreadLocalRandom.current().nextInt(0, 20_000 - span);
        int maxPort = minPort + span - 1;
        String username = "bench";
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String realm = "bench.bangban.invalid";
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-n",
                "--listening-ip", "127.0.0.1", "--listening-port", Integer.toString(port),
                "--relay-ip", "127.0.0.1", "--min-port", Integer.toString(minPort), "--max-port", Integer.toString(maxPort),
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-tcp", "--no-tcp-relay", "--no-cli",
                "--no-rfc5780", "--no-stun-backward-compatibility",
                "--lt-cred-mech", "--user", username + ":" + password, "--realm", realm,
                "--userdb", dir.resolve("turndb").toString(), "--pidfile", dir.resolve("turnserver.pid").toString(),
                "--log-file", dir.resolve("turnserver.log").toString(), "--simple-log", "--no-stdout-log"));
        ChildProcess process = ChildProcess.start(command, Map.of(), List.of(), dir, "coturn| ", null, Duration.ZERO,
                line -> { });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Coturn coturn = new Coturn(process, address, username, password, realm, minPort, maxPort, dir);
        try {
            coturn.awaitAnswer();
        } catch (IOException | RuntimeException e) {
            process.stop();
            throw e;
        }
        return coturn;
    }

    /** STUN Binding requests every 100 ms until one is answered. */
    private void awaitAnswer() throws IOException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(100);
            DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
            while (System.currentTimeMillis() < deadline) {
                requireAlive("while starting");
                byte[] tx = new byte[StunMessage.TRANSACTION_ID_LENGTH];
                ThreadLocalRandom.current().nextBytes(tx);
                byte[] binding = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, tx)
                        .build(null, true);
                socket.send(new DatagramPacket(binding, binding.length, address));
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (StunMessage.parse(in.getData(), 0, in.getLength()) instanceof StunParseResult.Parsed p
                        && p.message().messageClass() == StunMessage.CLASS_SUCCESS_RESPONSE) {
                    return;
                }
            }
        }
        throw new IllegalStateException("coturn (pid " + process.pid() + ") did not answer a STUN Binding on "
                + address + " within " + READY_TIMEOUT_MS / 1000 + " s; the end of its log:\n" + logTail());
    }

    public long pid() {
        return process.pid();
    }

    public InetSocketAddress address() {
        return address;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String realm() {
        return realm;
    }

    /** The relay port range it was given. */
    public String relayPorts() {
        return minPort + "-" + maxPort;
    }

    public Path logFile() {
        return dir.resolve("turnserver.log");
    }

    /** Fails with its log's tail when it has exited. */
    public void requireAlive(String during) {
        PeerLogs.requireAlive("coturn", process, logFile(), during);
    }

    String logTail() {
        return PeerLogs.tail(logFile(), 20);
    }

    /** How many relay threads it runs, from its log ("Total General servers: N"), or -1 when not found. */
    public int relayThreads() {
        try {
            for (String line : Files.readAllLines(logFile())) {
                int at = line.indexOf("Total General servers:");
                if (at >= 0) return Integer.parseInt(line.substring(at + 22).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // not in the log
        }
        return -1;
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
