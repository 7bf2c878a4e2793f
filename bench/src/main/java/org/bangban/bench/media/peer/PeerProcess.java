package org.bangban.bench.media.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A peer server (coturn, Janus) the harness runs as a child process with settings of its own, its output going to a
 * log file. Every started process is also registered with a JVM shutdown hook, so that a failed run or Ctrl-C
 * leaves none behind; {@link #close()} sends SIGTERM, waits, then SIGKILL.
 */
final class PeerProcess implements AutoCloseable {
    private static final long STOP_TIMEOUT_S = 10;
    private static final Set<PeerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (PeerProcess p : RUNNING) p.close();
        }, "bench-peer-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code workDir}, its standard output and error appended to {@code log}.
     * {@code installHint} says how to install the program when it is missing.
     */
    static PeerProcess start(String name, List<String> command, Path workDir, Path log, String installHint)
            throws IOException {
        Path program = Path.of(command.get(0));
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(name + " is not installed: no executable " + program + ". Install it with `"
                    + installHint + "` (as root), then run the comparison again.");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PeerProcess p = new PeerProcess(name, pb.start(), log);
        RUNNING.add(p);
        return p;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The last {@code lines} lines of the process's output, for an error message. */
    String logTail(int lines) {
        return tail(log, lines);
    }

    /** The last {@code lines} lines of a text file, or a note saying why it could not be read. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    /** Fails with the log's tail when the process has exited. */
    void requireAlive(String during) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + pid() + ") exited with status " + process.exitValue()
                    + " " + during + "; the end of its log " + log + ":\n" + logTail(20));
        }
    }

    /**
     * SIGTERM, up to {@value #STOP_TIMEOUT_S} s for it to exit, then SIGKILL; its own children too. Returns the
     * exit status, or -1 when it had to be killed.
     */
    int stop() {
        RUNNING.remove(this);
        List<ProcessHandle> children = process.descendants().toList();
        int status = -1;
        try {
            process.destroy();
            if (process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                status = process.exitValue();
            } else {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        return status;
    }

    @Override
    public void close() {
        if (process.isAlive() || RUNNING.contains(this)) stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
