package org.bangban.bench.media.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bangban.bench.ChildProcess;

/** Log files and liveness of the peer servers, for error messages that show what the server said. */
final class PeerLogs {
    private PeerLogs() {
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

    /** Fails, naming the server and showing its log's end, when its process has exited. */
    static void requireAlive(String name, ChildProcess process, Path log, String during) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") exited " + during
                    + "; the end of its log " + log + ":\n" + tail(log, 20));
        }
    }

    /** Fails with how to install it when the peer's program is missing. */
    static void requireInstalled(String name, Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(name + " is not installed: no executable " + binary + ". Install it with `"
                    + "apt-get install " + debianPackage + "` (as root; stop the service it starts), then run again.");
        }
    }
}
