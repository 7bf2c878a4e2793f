package org.bangban.materials;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A material and a stream of its content, verified against its SHA-256 before the stream was opened. Close it.
 *
 * @param material the material (serve the stream with {@link Material#mediaType()} and {@link Material#fileName()})
 * @param stream   its bytes, {@link Material#sizeBytes()} of them
 */
public record MaterialContent(Material material, InputStream stream) implements AutoCloseable {
    public MaterialContent {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(stream, "stream");
    }

    /** All the bytes (a material is at most the configured size limit). */
    public byte[] readAllBytes() throws IOException {
        return stream.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
