package org.bangban.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangban.config.Config;

/**
 * The signaling server as its own JVM, the way an operator runs it ({@code java -jar bangban-server.jar}), so that
 * the load generator and the server do not share a process: configured only by {@code BANGBAN_*} environment
 * variables, in a working directory of its own (no {@code bangban.properties} is picked up). Its output is echoed
 * with a {@code server| } prefix and its WARN and ERROR lines are counted. {@link #close()} sends SIGTERM (the
 * server drains) and waits for it to exit.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Bangban is running: http://localhost:(\\d+)/");
    private static final long START_TIMEOUT_S = 120;
    private static final long STOP_TIMEOUT_S = 60;

    private final Process process;
    private final LogCounter log;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicInteger port = new AtomicInteger(-1);
    private final Thread reader;

    private ServerProcess(Process process, LogCounter log) {
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::read, "bench-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java [javaOptions] -jar jar} with {@code config} as environment variables and waits for its
     * start-up banner.
     */
    static ServerProcess start(Path jar, List<String> javaOptions, Map<String, String> config, Path workDir,
                               LogCounter log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath() + "; build it with "
                    + "./mvnw -q -o -pl signaling-server -am package -DskipTests, or give its path with --server-jar");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BANGBAN_"));
        config.forEach((k, v) -> pb.environment().put(Config.envName(k), v));
        ServerProcess s = new ServerProcess(pb.start(), log);
        if (!s.ready.await(START_TIMEOUT_S, TimeUnit.SECONDS) || s.port.get() < 0) {
            s.process.destroyForcibly();
            throw new IllegalStateException("the server process did not start within " + START_TIMEOUT_S
                    + " s (exit " + (s.process.isAlive() ? "none, still running" : s.process.exitValue())
                    + "); its output is above");
        }
        return s;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("server| " + line);
                log.line(line);
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    port.set(Integer.parseInt(m.group(1)));
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.countDown();
        }
    }

    int port() {
        return port.get();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Makes the server collect its garbage now ({@code jcmd <pid> GC.run}, a full collection with G1) and waits for
     * jcmd to finish; false (with the reason on stderr) when jcmd could not do it.
     */
    boolean forceGc() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("bench: jcmd " + process.pid() + " GC.run failed: " + out.trim());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("bench: could not run " + jcmd + " to collect the server's garbage: " + e);
            return false;
        }
    }

    /** SIGTERM, then waits for the drain and exit; returns the exit status (or -1 when it had to be killed). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        reader.join(5_000); // the last lines
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
