package org.bangban.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files under the data directory that hold a secret (the server secret, the records key): created once, complete,
 * readable by the owner only (0600) where the file system has POSIX permissions.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /**
     * Creates {@code file} (and its directory) holding {@code content}, unless a file of that name appears meanwhile.
     * The content goes to a temporary file (0600 where POSIX permissions exist), forced to disk, then is published
     * under the name with a hard link, which fails if the name exists, so a file another process made meanwhile is
     * never replaced; where links are not supported, a plain move (which does not replace either).
     *
     * @return true when this call created the file, false when another process created it meanwhile
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            if (ownerOnly(file.getParent())) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } else {
                Files.createFile(tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether files in this directory get owner-only permissions (its file system has POSIX permissions). */
    public static boolean ownerOnly(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView("posix");
    }
}
