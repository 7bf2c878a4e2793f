package org.bangban.durability;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a child program acknowledges: {@code ACK …} lines on its real stdout, each operation's lines in one unbuffered
 * write(2), printed only after the write they acknowledge returned. The child's log goes to stderr
 * ({@link #keepStdoutForAcks}), so no log line can end up in the middle of an ACK line.
 */
final class Acks {
    private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    private Acks() {
    }

    /** Sends what is written to System.out (logback's console appender) to stderr. Call first thing in main. */
    static void keepStdoutForAcks() {
        System.setOut(System.err);
    }

    /** Prints {@code ACK <line>} for each line, all in one write. */
    static void print(List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : lines) b.append("ACK ").append(line).append('\n');
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (STDOUT) {
            STDOUT.write(bytes);
        }
    }

    /** Reports a writer's failure on stderr and stops the whole program at once (exit 3): nothing more is acked. */
    static void die(String writer, Throwable e) {
        System.err.println(writer + " failed:");
        e.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(3);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
