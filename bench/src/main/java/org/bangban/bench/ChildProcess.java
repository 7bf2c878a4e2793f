package org.bangban.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the harness runs as its own process (the signaling server, the media relay, coturn, Janus): started with
 * a command, an environment and a working directory; its output (stdout and stderr merged) echoed line by line with
 * a prefix and handed to a listener; ready when a line matches the start-up banner pattern (or at once, without
 * one: the caller then checks it answers). {@link #stop} sends SIGTERM and waits for the exit. A JVM shutdown hook
 * stops every child still running, so a failed run or Ctrl-C leaves no process behind.
 *
 * <pre>
 * try (ChildProcess relay = ChildProcess.start(List.of("java", "-jar", "relay.jar"), Map.of("PORT", "10000"),
 *         workDir, "relay| ", Pattern.compile("Bangban media relay: UDP (\\d+)"), Duration.ofSeconds(60), line -> {})) {
 *     long pid = relay.pid();
 *     String udpPort = relay.banner().group(1);
 * }
 * </pre>
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ChildProcess c : RUNNING) c.kill();
        }, "bench-child-cleanup"));
    }

    private final Process process;
    private final String prefix;
    private final Pattern ready;
    private final Consumer<String> listener;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread reader;
    private volatile Matcher banner;

    private ChildProcess(Process process, String prefix, Pattern ready, Consumer<String> listener) {
        this.process = process;
        this.prefix = prefix;
        this.ready = ready;
        this.listener = listener;
        this.reader = new Thread(this::read, "bench-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's (every variable whose name starts with
     * one of {@code clearPrefixes} removed first) in {@code workDir}, and waits up to {@code startTimeout} for an
     * output line matching {@code ready} (not at all when {@code ready} is null).
     *
     * @throws IllegalStateException when the process exits or stays silent past the timeout (it is then killed);
     *                               its output is above, echoed
     */
    public static ChildProcess start(List<String> command, Map<String, String> environment, List<String> clearPrefixes,
                                     Path workDir, String prefix, Pattern ready, Duration startTimeout,
                                     Consumer<String> listener) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> clearPrefixes.stream().anyMatch(k::startsWith));
        pb.environment().putAll(environment);
        ChildProcess c = new ChildProcess(pb.start(), prefix, ready, listener);
        RUNNING.add(c);
        if (ready == null) return c;
        if (!c.started.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS) || c.banner == null) {
            c.kill();
            throw new IllegalStateException(command.get(0) + " (" + String.join(" ", command) + ") did not print its"
                    + " start-up banner within " + startTimeout.toSeconds() + " s (exit "
                    + (c.process.isAlive() ? "none, still running" : c.process.exitValue()) + "); its output is above");
        }
        return c;
    }

    /** The path of this JVM's {@code java} launcher, for starting another JVM of the same version. */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(prefix + line);
                listener.accept(line);
                if (banner == null && ready != null) {
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        banner = m;
                        started.countDown();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            started.countDown();
        }
    }

    /** The match of the start-up banner line (its groups carry e.g. the port the process chose). */
    public Matcher banner() {
        return banner;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits up to 60 s for the exit; returns the exit status, or -1 when it had to be killed. */
    public int stop() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
                return -1;
            }
            reader.join(5_000); // the last lines
            return process.exitValue();
        } finally {
            RUNNING.remove(this);
        }
    }

    /** SIGTERM, up to 5 s, then SIGKILL for it and whatever it started (the shutdown hook's way: quick). */
    private void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        RUNNING.remove(this);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
