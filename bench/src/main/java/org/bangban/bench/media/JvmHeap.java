package org.bangban.bench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd <pid> GC.run} (a full collection), then {@code jcmd <pid> GC.heap_info}
 * and the used size it prints for the heap (G1's "garbage-first heap total …K, used …K"; for other collectors the
 * sum of the generations' "used"). Takes a second or two and pauses that JVM for the collection.
 */
public final class JvmHeap {
    private static final Pattern G1 = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern GENERATION = Pattern.compile("(?m)^ \\S.*?total \\d+K, used (\\d+)K");

    private JvmHeap() {
    }

    /** Heap used after a full GC, in bytes. */
    public static long usedAfterGc(long pid) throws IOException, InterruptedException {
        collect(pid);
        return parseUsedBytes(jcmd(pid, "GC.heap_info"));
    }

    /** A full collection in that JVM now ({@code jcmd <pid> GC.run}); returns when it is done. */
    public static void collect(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
    }

    /** The first {@code lines} lines of {@code jcmd <pid> GC.class_histogram} (the classes holding the most heap). */
    public static String histogram(long pid, int lines) throws IOException, InterruptedException {
        return String.join("\n", jcmd(pid, "GC.class_histogram").lines().limit(lines + 3L).toList());
    }

    static long parseUsedBytes(String heapInfo) {
        Matcher g1 = G1.matcher(heapInfo);
        if (g1.find()) return Long.parseLong(g1.group(1)) * 1024;
        Matcher m = GENERATION.matcher(heapInfo);
        long sum = 0;
        boolean any = false;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            any = true;
        }
        if (!any) throw new IllegalStateException("no heap size in jcmd GC.heap_info output: " + heapInfo);
        return sum * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
        }
        return out;
    }
}
