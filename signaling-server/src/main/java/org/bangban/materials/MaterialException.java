package org.bangban.materials;

import java.util.Locale;
import java.util.Objects;

/**
 * A material 材料 was refused or cannot be given back. Nothing was recorded for a refused upload. The message speaks
 * to the person who sent the file or to the operator (what happened, to what, what to do); {@link #code()} is a
 * stable machine code for clients and metrics.
 */
public class MaterialException extends RuntimeException {
    /** Why, as a stable code ({@link #code()}): clients match on it, metrics count by it. */
    public enum Code {
        /** The upload had no bytes. */
        EMPTY,
        /** The upload is larger than the configured limit; reading stopped at the limit. */
        TOO_LARGE,
        /** The content is not one of the allowed types (decided from the bytes, never from the name). */
        TYPE_NOT_ALLOWED,
        /** The description of the upload is unusable (no case number, no uploader, a malformed checklist key…). */
        INVALID,
        /** The stored file no longer has the SHA-256 it was stored under: it was damaged on disk. */
        CHECKSUM_MISMATCH,
        /** No such material, or its stored file is missing. */
        NOT_FOUND,
        /** The file could not be written or read (disk full, permissions). */
        STORAGE_FAILED;

        /** The code as clients see it, e.g. {@code type_not_allowed}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;
    private final String detected;

    public MaterialException(Code code, String message) {
        this(code, message, null, null);
    }

    public MaterialException(Code code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    /**
     * @param detected what the content was found to be (e.g. "an ELF executable (Linux program)"), or null when
     *                 this refusal is not about the content's type
     */
    public MaterialException(Code code, String message, String detected, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.detected = detected;
    }

    /** The stable machine code, e.g. {@code too_large}. */
    public String code() {
        return code.code();
    }

    public Code reason() {
        return code;
    }

    /** What the content was found to be, for a {@code type_not_allowed} refusal; null otherwise. */
    public String detected() {
        return detected;
    }

    /** The same refusal, its message starting with what it is about (e.g. the file's name). */
    MaterialException about(String subject) {
        if (subject == null || subject.isBlank()) return this;
        MaterialException named = new MaterialException(code, subject + ": " + getMessage(), detected, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
