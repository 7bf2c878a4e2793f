package org.bangban.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of a writer program in a separate JVM (the test's classpath and java binary) that is killed with SIGKILL:
 * started, its stdout read line by line, and — a random delay after its first {@code ACK} line — killed with
 * {@code ProcessHandle.destroyForcibly()} (SIGKILL; the exit code 137 = 128 + 9 is checked). What it printed before
 * it died is all in the pipe, so every line it acknowledged is read to the end. ({@code Process.destroyForcibly()}
 * sends the same SIGKILL but then closes this end of the pipe, so ACK lines written but not yet read were lost —
 * seen as "Stream closed" in the reader.)
 *
 * <p>The delay is the experiment, not a synchronisation: the child writes as fast as it can and is killed wherever
 * it happens to be.
 */
final class KilledChild {
    /** How long a child may take to start (JVM, store, migrations) on a loaded 2-core machine. */
    static final Duration FIRST_ACK_DEADLINE = Duration.ofSeconds(60);
    /** Linux: a process killed by signal 9 exits with 128 + 9. */
    static final int SIGKILL_EXIT = 128 + 9;

    /** What a run gave: the ACK lines (without "ACK "), when the first came (after the start), when it was killed. */
    record Outcome(List<String> acks, long firstAckMillis, long killDelayMillis) {
    }

    private KilledChild() {
    }

    /**
     * Runs {@code mainClass} with {@code args}, kills it {@code killDelay} after its first ACK, and returns what it
     * acknowledged. Fails when it does not acknowledge anything within {@link #FIRST_ACK_DEADLINE}, ends by itself
     * before the kill, or did not die of SIGKILL.
     *
     * @param stderr where the child's stderr (its log and any error) goes
     */
    static Outcome run(Class<?> mainClass, List<String> args, Duration killDelay, Path stderr)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs this test")));
        // a quick start: the children are short-lived and the machine's 2 cores are shared
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("BANGBAN_LOG_LEVEL", "WARN"); // logback-test.xml: keep the child's stdout for ACKs
        long started = System.nanoTime();
        Process child = builder.start();
        List<String> acks = new CopyOnWriteArrayList<>();
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread reader = new Thread(() -> readAcks(child, acks, firstAck), "ack-reader-" + child.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!firstAck.await(FIRST_ACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the child " + mainClass.getSimpleName() + " acknowledged nothing within "
                        + FIRST_ACK_DEADLINE.toSeconds() + " s (alive: " + child.isAlive() + ")" + tail(stderr));
            }
            long firstAckMillis = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(killDelay.toMillis()); // the experiment: let it write for a random while
            if (!child.isAlive()) {
                throw new AssertionError("the child " + mainClass.getSimpleName() + " ended by itself (exit "
                        + child.exitValue() + ") before it was killed" + tail(stderr));
            }
            // SIGKILL on Linux (checked below by the exit code). Through the process handle: Process.destroyForcibly()
            // would also close our end of the pipe, losing ACK lines the child wrote but we have not read yet.
            child.toHandle().destroyForcibly();
            if (!child.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the killed child did not end");
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(reader.isAlive()).as("the child's stdout reached its end").isFalse();
            assertThat(child.exitValue()).as("exit code of the killed child (128 + SIGKILL)").isEqualTo(SIGKILL_EXIT);
            return new Outcome(List.copyOf(acks), firstAckMillis, killDelay.toMillis());
        } finally {
            if (child.isAlive()) child.destroyForcibly();
        }
    }

    private static void readAcks(Process child, List<String> acks, CountDownLatch firstAck) {
        try (Reader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            for (int ch; (ch = in.read()) >= 0; ) {
                if (ch != '\n') {
                    line.append((char) ch);
                    continue;
                }
                // only whole lines count: a line the kill cut short has no newline and was not acknowledged
                if (line.length() > 4 && line.substring(0, 4).equals("ACK ")) {
                    acks.add(line.substring(4));
                    firstAck.countDown();
                }
                line.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the child's stderr, for a failure message. */
    static String tail(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            return "; its stderr ends with:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                    lines.size()));
        } catch (IOException e) {
            return "; its stderr cannot be read: " + e;
        }
    }
}
