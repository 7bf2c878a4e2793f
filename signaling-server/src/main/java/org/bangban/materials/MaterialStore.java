package org.bangban.materials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of materials 材料, content-addressed under {@code <data dir>/materials/<first 2 hex>/<next 2 hex>/<sha256>}.
 * Knows nothing of cases or the record store: {@link Materials} links content to cases.
 *
 * <p><b>Storing</b> ({@link #store}) streams the upload into a temporary file under {@code materials/incoming/},
 * hashing as it goes and reading at most one byte past the size limit (nothing is buffered in memory beyond a
 * 64 KiB block); refuses empty, oversized and not-allowed content (sniffed from the bytes, see {@link
 * ContentSniffer}) and deletes the temporary file; otherwise fsyncs the file, moves it atomically to its final name
 * and fsyncs the directory (and any directory it had to create), so the content is durable when {@code store}
 * returns. The temporary file cannot sit in the final directory because that directory is named by the hash, known
 * only at the end; {@code incoming/} is on the same file system, so the move is still an atomic rename. The same
 * content stored twice is one file: the second store verifies the file already there and drops its copy — or,
 * when the file there is damaged, replaces it with the good copy.
 *
 * <p><b>Reading</b> ({@link #read}, {@link #open}) hashes the whole file first and gives the bytes only when the
 * SHA-256 matches its name; a damaged file is refused with {@code checksum_mismatch} and logged with its path for
 * the operator, a missing one with {@code not_found}.
 *
 * <p>Thread-safe; several processes may share the directory (each writes its own temporary files).
 */
public final class MaterialStore {
    private static final Logger log = LoggerFactory.getLogger(MaterialStore.class);

    /** The size limit unless configured otherwise: 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** Temporary files older than this found at start are left over from a crash and deleted. */
    static final Duration STALE_INCOMING = Duration.ofHours(1);
    static final String INCOMING = "incoming";
    private static final int BLOCK = 64 * 1024;

    private final Path root;
    private final Path incoming;
    private final long maxBytes;
    private final ContentSniffer sniffer;

    /** A store under {@code dataDir/materials} with the default limit and allowed types. */
    public MaterialStore(Path dataDir) {
        this(dataDir, DEFAULT_MAX_BYTES, new ContentSniffer());
    }

    /**
     * A store under {@code dataDir/materials}; creates the directories and deletes temporary files a crash left.
     *
     * @param maxBytes the largest content accepted, in bytes (at least 1)
     * @param sniffer  decides the type of content and which types are allowed
     * @throws MaterialException {@code storage_failed} when the directory cannot be created
     */
    public MaterialStore(Path dataDir, long maxBytes, ContentSniffer sniffer) {
        if (maxBytes < 1) throw new IllegalArgumentException("the material size limit must be at least 1 byte, was " + maxBytes);
        this.root = dataDir.toAbsolutePath().resolve("materials");
        this.incoming = root.resolve(INCOMING);
        this.maxBytes = maxBytes;
        this.sniffer = Objects.requireNonNull(sniffer, "sniffer");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new MaterialException(MaterialException.Code.STORAGE_FAILED, "cannot create the materials directory "
                    + incoming + ": " + e + "; check data.dir points to a writable place", e);
        }
        deleteStaleIncoming();
    }

    /** The directory holding the content: {@code <data dir>/materials}. */
    public Path root() {
        return root;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public ContentSniffer sniffer() {
        return sniffer;
    }

    /** Where content with this SHA-256 is (or would be) kept. */
    public Path pathOf(String sha256) {
        StoredContent.requireSha256(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Whether a file for this content exists (not verified). */
    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /**
     * Reads the upload to its end (or one byte past the limit), checks it and keeps it durably. Does not close
     * {@code in}.
     *
     * @return the content's name, size and sniffed type
     * @throws MaterialException {@code empty}, {@code too_large} (reading stopped at the limit), {@code
     *                           type_not_allowed}, or {@code storage_failed} when the upload could not be read or
     *                           the file written; in every case nothing is left behind
     */
    public StoredContent store(InputStream in) {
        Objects.requireNonNull(in, "in");
        Path temp;
        try {
            temp = Files.createTempFile(incoming, "upload-", ".tmp");
        } catch (IOException e) {
            throw storageFailed("create a temporary file in " + incoming, e);
        }
        boolean keepTemp = false;
        try {
            StoredContent content = receive(in, temp);
            Path target = pathOf(content.sha256());
            ensureDirectories(target.getParent());
            if (Files.exists(target)) {
                if (hashOf(target).equals(content.sha256())) {
                    // the same content is already here; a concurrent store may have just moved it in, so make its
                    // directory entry durable before saying this content is kept
                    syncDirectory(target.getParent());
                    return content;
                }
                log.warn("material content {} at {} was damaged on disk; replacing it with the copy just received",
                        content.sha256(), target);
            }
            moveAtomically(temp, target);
            keepTemp = true; // it is the target now
            syncDirectory(target.getParent());
            return content;
        } catch (IOException e) {
            throw storageFailed("store an upload in " + root, e);
        } catch (UncheckedIOException e) {
            throw storageFailed("store an upload in " + root, e.getCause());
        } finally {
            if (!keepTemp) deleteQuietly(temp);
        }
    }

    /**
     * The verified bytes of stored content.
     *
     * @throws MaterialException {@code not_found} when there is no file, {@code checksum_mismatch} when the file is
     *                           damaged, {@code storage_failed} when it cannot be read
     */
    public byte[] read(String sha256) {
        Path path = pathOf(sha256);
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (!hex(digest().digest(bytes)).equals(sha256)) throw checksumMismatch(sha256, path);
            return bytes;
        } catch (NoSuchFileException e) {
            throw missing(sha256, path);
        } catch (IOException e) {
            throw storageFailed("read " + path, e);
        }
    }

    /**
     * A stream of stored content, opened after the whole file was hashed and found to match its name. The caller
     * closes it.
     *
     * @throws MaterialException as {@link #read}
     */
    public InputStream open(String sha256) {
        Path path = verified(sha256);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw missing(sha256, path);
        } catch (IOException e) {
            throw storageFailed("open " + path, e);
        }
    }

    /** Hashes the stored file and returns its path when the hash is its name. */
    private Path verified(String sha256) {
        Path path = pathOf(sha256);
        String actual;
        try {
            actual = hashOf(path);
        } catch (NoSuchFileException e) {
            throw missing(sha256, path);
        } catch (IOException e) {
            throw storageFailed("read " + path, e);
        }
        if (!actual.equals(sha256)) throw checksumMismatch(sha256, path);
        return path;
    }

    // ---- storing ----

    /** Streams {@code in} into {@code temp} (at most maxBytes + 1 read), syncs it, sniffs it. */
    private StoredContent receive(InputStream in, Path temp) throws IOException {
        MessageDigest sha = digest();
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            byte[] block = new byte[BLOCK];
            while (true) {
                int want = (int) Math.min(block.length, maxBytes + 1 - size);
                int n;
                try {
                    n = in.read(block, 0, want);
                } catch (IOException e) {
                    throw new MaterialException(MaterialException.Code.STORAGE_FAILED, "the upload broke off after "
                            + size + " bytes (" + e.getMessage() + "); nothing was kept — send the file again", e);
                }
                if (n < 0) break;
                size += n;
                if (size > maxBytes) {
                    throw new MaterialException(MaterialException.Code.TOO_LARGE, "the file is larger than the limit"
                            + " of " + describeSize(maxBytes) + "; reduce it (e.g. scan at a lower resolution or split"
                            + " it) and send it again");
                }
                sha.update(block, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) out.write(buffer);
            }
            MaterialType type = sniffer.require(fileContent(out, size));
            out.force(true);
            return new StoredContent(hex(sha.digest()), size, type);
        }
    }

    private static ContentSniffer.Content fileContent(FileChannel channel, long size) {
        return new ContentSniffer.Content() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] range(long offset, int length) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(length, size - offset)));
                try {
                    while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                        // keep reading until the range is full or the file ends
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                return bytes;
            }
        };
    }

    /** Creates the missing directories down to {@code dir}, syncing the parent of each one created. */
    private void ensureDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        ensureDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e; // another thread made it; a file in its place is an error
            return;
        }
        syncDirectory(dir.getParent());
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically; keep the"
                    + " data directory on a local file system", e);
        }
    }

    /** Makes a directory's entries durable. Some platforms (Windows) cannot open a directory: best effort there. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot sync directory {} on this platform: {}", dir, e.toString());
        }
    }

    private void deleteStaleIncoming() {
        Instant staleBefore = Instant.now().minus(STALE_INCOMING);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming, "*.tmp")) {
            for (Path f : files) {
                FileTime modified = Files.getLastModifiedTime(f);
                if (modified.toInstant().isBefore(staleBefore)) {
                    log.info("deleting {}, an upload a crash left unfinished", f);
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            log.warn("cannot look for unfinished uploads in {}: {}", incoming, e.toString());
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            log.warn("cannot delete the temporary file {}: {}; delete it by hand", f, e.toString());
        }
    }

    // ---- hashing and errors ----

    private static String hashOf(Path file) throws IOException {
        MessageDigest sha = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[BLOCK];
            for (int n; (n = in.read(block)) >= 0; ) sha.update(block, 0, n);
        }
        return hex(sha.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static MaterialException checksumMismatch(String sha256, Path path) {
        log.error("material content {} at {} does not match its SHA-256: the file was damaged on disk. Restore it"
                + " from a backup of the data directory, or ask the applicant to send the material again (storing"
                + " the same content again repairs the file); until then it cannot be downloaded", sha256, path);
        return new MaterialException(MaterialException.Code.CHECKSUM_MISMATCH, "the stored file " + path + " of"
                + " material content " + sha256 + " is damaged (its SHA-256 no longer matches); it is not given out —"
                + " restore it from a backup or ask for the material again");
    }

    private static MaterialException missing(String sha256, Path path) {
        log.warn("material content {} is missing: no file at {}", sha256, path);
        return new MaterialException(MaterialException.Code.NOT_FOUND, "the stored file of material content "
                + sha256 + " is missing (expected at " + path + "); restore it from a backup of the data directory or"
                + " ask for the material again");
    }

    private static MaterialException storageFailed(String action, IOException e) {
        return new MaterialException(MaterialException.Code.STORAGE_FAILED, "could not " + action + ": " + e
                + "; check the data directory is writable and has free space", e);
    }

    static String describeSize(long bytes) {
        if (bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
        if (bytes % 1024 == 0) return bytes / 1024 + " KiB";
        return bytes + " bytes";
    }
}
