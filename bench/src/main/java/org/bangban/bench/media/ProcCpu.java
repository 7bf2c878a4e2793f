package org.bangban.bench.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (Linux): user + system time of all its threads, in seconds.
 * Sample before and after a window and subtract. The clock tick is {@code getconf CLK_TCK} (normally 100, so the
 * resolution is 10 ms).
 */
public final class ProcCpu {
    private static volatile long clockTicks;

    private ProcCpu() {
    }

    /** utime + stime of {@code pid} in seconds. */
    public static double seconds(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII))
                    / (double) clockTicks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " from /proc (has it exited?)", e);
        }
    }

    /** This JVM's CPU seconds. */
    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line; the command name may hold spaces. */
    static long parseTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {@code getconf CLK_TCK}, asked once; 100 when getconf is missing. */
    public static long clockTicks() {
        if (clockTicks == 0) {
            long ticks = 100;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) ticks = Long.parseLong(out);
            } catch (IOException | NumberFormatException e) {
                // keep 100, the Linux value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clockTicks = ticks;
        }
        return clockTicks;
    }
}
