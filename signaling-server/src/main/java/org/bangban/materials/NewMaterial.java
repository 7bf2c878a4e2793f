package org.bangban.materials;

import java.util.Objects;

/**
 * A material ready to be recorded: its description and its content, already held by the {@link MaterialStore}
 * (from {@link Materials#receive}). Receiving the content first keeps a slow upload out of any database
 * transaction; recording it ({@link Materials#add(java.sql.Connection, NewMaterial)}) is then one quick insert.
 */
public record NewMaterial(MaterialUpload upload, StoredContent content) {
    public NewMaterial {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(content, "content");
    }
}
