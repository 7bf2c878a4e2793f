package org.bangban.materials;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Content held durably by the {@link MaterialStore}, named by its SHA-256.
 *
 * @param sha256    the SHA-256 of the bytes, 64 lower-case hex digits: the content's name in the store
 * @param sizeBytes how many bytes
 * @param type      what the bytes are, as sniffed
 */
public record StoredContent(String sha256, long sizeBytes, MaterialType type) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StoredContent {
        requireSha256(sha256);
        if (sizeBytes < 1) throw new IllegalArgumentException("stored content has at least one byte, was " + sizeBytes);
        Objects.requireNonNull(type, "type");
    }

    /** Checks a content name: 64 lower-case hex digits. */
    static String requireSha256(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a content name is a SHA-256 in 64 lower-case hex digits, was '"
                    + sha256 + "'");
        }
        return sha256;
    }
}
