package org.bangban.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess process;

    private ServerProcess(ChildProcess process) {
        this.process = process;
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
        command.add(ChildProcess.javaLauncher());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Map<String, String> env = new HashMap<>();
        config.forEach((k, v) -> env.put(Config.envName(k), v));
        return new ServerProcess(ChildProcess.start(command, env, List.of("BANGBAN_"), workDir, "server| ", READY,
                START_TIMEOUT, log::line));
    }

    int port() {
        return Integer.parseInt(process.banner().group(1));
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then waits for the drain and exit; returns the exit status (or -1 when it had to be killed). */
    int stop() throws InterruptedException {
        return process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
