package org.bangban.durability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bangban.materials.MaterialException;
import org.bangban.materials.MaterialStore;

/**
 * Checks the material files under a data directory after each kill of the writers, given what they acknowledged:
 * every acknowledged content reads back through the {@link MaterialStore} (which verifies its SHA-256), every file
 * at a content address {@code xx/yy/<sha256>} hashes to its name (no partial file ever sits at one, acknowledged or
 * not), and nothing else lies about but temporary {@code *.tmp} files under {@code incoming/}.
 *
 * <p>A file is hashed once and then only again when its attributes (inode, size, modification time) change: the
 * store never writes a file in place, it only renames complete files over others.
 */
final class MaterialAudit {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dataDir;
    private final Set<String> acked = new HashSet<>();
    private final Map<Path, Attributes> verified = new HashMap<>();

    record Findings(List<String> problems, int contents, int acknowledged, int temporaries) {
    }

    private record Attributes(Object fileKey, long size, FileTime modified) {
        static Attributes of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Attributes(a.fileKey(), a.size(), a.lastModifiedTime());
        }
    }

    MaterialAudit(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** After a kill: opens the store as the next child does and checks everything acknowledged so far. */
    Findings afterKill(List<String> newAcks) throws IOException {
        MaterialStore store = new MaterialStore(dataDir);
        List<String> problems = new ArrayList<>();
        for (String sha : newAcks) {
            if (!SHA256.matcher(sha).matches()) problems.add("a malformed material ACK: " + sha);
            else if (acked.add(sha)) readBack(store, sha, problems);
        }
        Set<String> contents = checkFiles(store.root(), problems);
        for (String sha : acked) {
            if (!contents.contains(sha)) problems.add("acknowledged content " + sha + " is missing");
        }
        return new Findings(problems, contents.size(), acked.size(), temporaries().size());
    }

    /** The temporary files under {@code incoming/}: uploads a kill cut short. */
    List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("materials").resolve("incoming"))) {
            return files.toList();
        }
    }

    /** Makes the temporary files two hours old and opens the store, which sweeps stale ones; returns what is left. */
    List<Path> sweepStaleTemporaries() throws IOException {
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path f : temporaries()) Files.setLastModifiedTime(f, longAgo);
        new MaterialStore(dataDir);
        return temporaries();
    }

    private static void readBack(MaterialStore store, String sha, List<String> problems) {
        try {
            if (!Acks.sha256(store.read(sha)).equals(sha)) {
                problems.add("acknowledged content " + sha + " reads back as other bytes");
            }
        } catch (MaterialException e) {
            problems.add("acknowledged content " + sha + " cannot be read: " + e.getMessage());
        }
    }

    /** Walks the content tree; returns the content names found. */
    private Set<String> checkFiles(Path root, List<String> problems) throws IOException {
        Set<String> contents = new HashSet<>();
        Path incoming = root.resolve("incoming");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f)) continue;
                String name = f.getFileName().toString();
                if (f.startsWith(incoming)) {
                    if (!name.endsWith(".tmp")) problems.add("a stray file " + f);
                    continue;
                }
                Path relative = root.relativize(f);
                if (!SHA256.matcher(name).matches() || relative.getNameCount() != 3
                        || !relative.getName(0).toString().equals(name.substring(0, 2))
                        || !relative.getName(1).toString().equals(name.substring(2, 4))) {
                    problems.add("a file that is not at a content address: " + f);
                    continue;
                }
                Attributes now = Attributes.of(f);
                if (!now.equals(verified.get(f))) {
                    String actual = hash(f);
                    if (!actual.equals(name)) {
                        problems.add("the file at content address " + name + " has SHA-256 " + actual + " ("
                                + now.size() + " bytes): partial or damaged");
                        continue;
                    }
                    verified.put(f, now);
                }
                contents.add(name);
            }
        }
        return contents;
    }

    private static String hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[64 * 1024];
            for (int n; (n = in.read(block)) >= 0; ) sha.update(block, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
