package org.bangban.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import org.bangban.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own secret: signs the session tokens of guests and staff ({@link TokenService}). 32 random bytes
 * kept in the file {@value #FILE_NAME} under the data directory, readable by the owner only (0600) where the
 * file system has POSIX permissions. Every signaling node of one deployment must use the same file; deleting it
 * logs everybody out (all tokens become invalid) and a new one is made at the next start.
 */
public final class ServerSecret {
    private static final Logger log = LoggerFactory.getLogger(ServerSecret.class);
    public static final String FILE_NAME = "server-secret";
    public static final int BYTES = 32;

    private final byte[] bytes;
    private final Path file;

    private ServerSecret(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Reads {@code <dataDir>/server-secret}, or creates it (and the data directory) with 32 random bytes.
     *
     * @throws IllegalStateException when the file cannot be read or written, or is shorter than 32 bytes
     */
    public static ServerSecret loadOrCreate(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) create(file);
            return load(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the server secret " + file + ": " + e
                    + "; check data.dir points to a directory this process may write", e);
        }
    }

    /** A secret held in memory only, e.g. for tests. */
    public static ServerSecret of(byte[] bytes) {
        if (bytes.length < BYTES) {
            throw new IllegalArgumentException("a server secret needs at least " + BYTES + " bytes, got " + bytes.length);
        }
        return new ServerSecret(bytes.clone(), null);
    }

    /** A copy of the secret bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "ServerSecret[" + bytes.length + " bytes" + (file == null ? "" : " from " + file) + "]";
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        try {
            if (PrivateFiles.createOnce(file, secret)) {
                log.info("created a new server secret {} (signs session tokens; keep it private, back it up with the"
                        + " data directory{})", file, PrivateFiles.ownerOnly(file) ? ", permissions 0600" : "");
            } else {
                log.info("server secret {} was created by another process meanwhile; using it", file);
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static ServerSecret load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < BYTES) {
            throw new IllegalStateException("the server secret " + file + " has " + bytes.length + " bytes, fewer"
                    + " than " + BYTES + "; it is damaged. Delete it and restart to create a new one (everybody"
                    + " will have to log in again), or restore it from a backup");
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("the server secret {} can be read by other users ({}); anyone who reads it can forge session"
                        + " tokens. Run: chmod 600 {}", file, PosixFilePermissions.toString(perms), file);
            }
        }
        return new ServerSecret(bytes, file);
    }
}
