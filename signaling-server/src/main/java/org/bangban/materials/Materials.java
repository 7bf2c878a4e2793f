package org.bangban.materials;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bangban.identity.Role;
import org.bangban.store.Columns;
import org.bangban.store.Ids;
import org.bangban.store.RecordStore;
import org.bangban.store.RecordStoreException;

/**
 * The materials 材料 of cases: files applicants send in a session or later, linked to a case by its number, and the
 * materials checklists 材料清单 of 代办 service items.
 *
 * <p><b>Adding a material is two steps</b>: {@link #receive} streams the content into the {@link MaterialStore}
 * (size and type checked, durable when it returns), outside any transaction; {@link #add(Connection, NewMaterial)}
 * then records the row, inside the caller's transaction if it has one. {@link #upload} does both. The file is
 * stored before the row: if the row is never written (the transaction rolls back, the database is down), the file
 * stays as content no row refers to. That is harmless (it is never given out without a row, and the same content
 * sent again reuses it) and costs only disk; a sweeper deleting such files (found via the {@code material_sha256}
 * index) is not built yet.
 *
 * <p><b>Composing</b>: every method that writes has a variant taking a {@link Connection}, to be called inside
 * {@link RecordStore#write} together with other repositories' writes (e.g. a case event "material received") — all
 * or nothing. The variants without a connection run in a transaction of their own. Reads have connection variants
 * too. Connection variants throw {@link SQLException} like {@link org.bangban.store.SqlWork}.
 *
 * <p>Who may read a case's materials is decided by {@link MaterialAccess}, which the caller applies.
 */
public final class Materials {
    private static final String COLUMNS = "id, case_number, session_id, sha256, size_bytes, media_type, file_name,"
            + " uploaded_by, uploader_role, checklist_key, created_at";

    private final RecordStore records;
    private final MaterialStore files;
    private final Clock clock;
    private final MaterialMetrics metrics = new MaterialMetrics();

    public Materials(RecordStore records, MaterialStore files) {
        this(records, files, Clock.systemUTC());
    }

    public Materials(RecordStore records, MaterialStore files, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers the meters: {@code bangban_materials_refused_total{reason}} (empty, too_large, type_not_allowed,
     * storage_failed), {@code bangban_materials_stored_bytes} (a summary of accepted sizes) and {@code
     * bangban_materials_checksum_failures_total}. Call once.
     */
    public void bindMetrics(MeterRegistry registry) {
        metrics.bind(Objects.requireNonNull(registry, "registry"));
    }

    /** The file store behind these materials. */
    public MaterialStore files() {
        return files;
    }

    // ---- adding ----

    /**
     * Receives content into the file store: reads {@code content} to its end (stopping past the size limit),
     * checks its type from its bytes and keeps it durably. Does not close the stream.
     *
     * @throws MaterialException {@code empty}, {@code too_large}, {@code type_not_allowed}, {@code storage_failed};
     *                           nothing is left behind
     */
    public StoredContent receive(InputStream content) {
        try {
            StoredContent stored = files.store(content);
            metrics.stored(stored.sizeBytes());
            return stored;
        } catch (MaterialException e) {
            metrics.refused(e);
            throw e;
        }
    }

    /**
     * Receives the content and records the material in one call (its own transaction).
     *
     * @throws MaterialException as {@link #receive}, the message naming the file; nothing is recorded
     */
    public Material upload(MaterialUpload upload, InputStream content) {
        Objects.requireNonNull(upload, "upload");
        StoredContent stored;
        try {
            stored = receive(content);
        } catch (MaterialException e) {
            throw upload.fileName() == null ? e : e.about("'" + upload.fileName() + "'");
        }
        return add(new NewMaterial(upload, stored));
    }

    /** Records a material whose content was received, in a transaction of its own; committed when this returns. */
    public Material add(NewMaterial material) {
        Objects.requireNonNull(material, "material");
        return records.write("material for case " + material.upload().caseNumber(), c -> add(c, material));
    }

    /**
     * Records a material whose content was received, on the caller's connection (inside its transaction).
     *
     * @return the material as recorded: a new id, the sanitised file name, the sniffed type, the time now
     * @throws MaterialException {@code not_found} when the content is not in the file store
     */
    public Material add(Connection c, NewMaterial material) throws SQLException {
        MaterialUpload u = material.upload();
        StoredContent content = material.content();
        if (!files.contains(content.sha256())) {
            throw new MaterialException(MaterialException.Code.NOT_FOUND, "the content " + content.sha256()
                    + " of a material for case " + u.caseNumber() + " is not in the file store; receive it first");
        }
        Material m = new Material(Ids.newId("mat"), u.caseNumber(), u.sessionId(), content.sha256(),
                content.sizeBytes(), content.type(), FileNames.sanitise(u.fileName(), content.type()), u.uploadedBy(),
                u.uploaderRole(), u.checklistKey(), clock.millis());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO material (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.id());
            ps.setString(2, m.caseNumber());
            ps.setString(3, m.sessionId());
            ps.setString(4, m.sha256());
            ps.setLong(5, m.sizeBytes());
            ps.setString(6, m.mediaType());
            ps.setString(7, m.fileName());
            ps.setString(8, m.uploadedBy());
            ps.setString(9, m.uploaderRole().name());
            ps.setString(10, m.checklistKey());
            ps.setLong(11, m.createdAt());
            ps.executeUpdate();
        }
        return m;
    }

    // ---- reading ----

    /** The materials of a case, oldest first. */
    public List<Material> forCase(String caseNumber) {
        return records.read("the materials of case " + caseNumber, c -> forCase(c, caseNumber));
    }

    /** The materials of a case, oldest first, on the caller's connection. */
    public List<Material> forCase(Connection c, String caseNumber) throws SQLException {
        return list(c, "case_number", caseNumber);
    }

    /** The materials sent in a session, oldest first. */
    public List<Material> forSession(String sessionId) {
        return records.read("the materials of session " + sessionId, c -> forSession(c, sessionId));
    }

    /** The materials sent in a session, oldest first, on the caller's connection. */
    public List<Material> forSession(Connection c, String sessionId) throws SQLException {
        return list(c, "session_id", sessionId);
    }

    /** The material with this id. */
    public Optional<Material> find(String id) {
        return records.read("material " + id, c -> find(c, id));
    }

    /** The material with this id, on the caller's connection. */
    public Optional<Material> find(Connection c, String id) throws SQLException {
        List<Material> found = list(c, "id", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The material and its content, verified against its SHA-256. Check {@link MaterialAccess} first.
     *
     * @throws MaterialException {@code not_found} (no such material, or its file is missing), {@code
     *                           checksum_mismatch} (its file is damaged; logged for the operator)
     */
    public MaterialContent open(String id) {
        Material m = find(id).orElseThrow(() -> new MaterialException(MaterialException.Code.NOT_FOUND,
                "there is no material " + id + "; check the id (materials are listed with their case)"));
        try {
            return new MaterialContent(m, files.open(m.sha256()));
        } catch (MaterialException e) {
            metrics.readFailed(e);
            throw e.about("material " + m.id() + " ('" + m.fileName() + "') of case " + m.caseNumber());
        }
    }

    private List<Material> list(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM material WHERE " + column
                + " = ? ORDER BY created_at, id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                List<Material> list = new ArrayList<>();
                while (rs.next()) list.add(map(rs));
                return list;
            }
        }
    }

    private static Material map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String mediaType = rs.getString("media_type");
        MaterialType type = MaterialType.ofMediaType(mediaType).orElseThrow(() -> unknown(id, "media type", mediaType));
        Role uploaderRole = Columns.enumValue(Role.class, rs.getString("uploader_role"), "material", id);
        return new Material(id, rs.getString("case_number"), rs.getString("session_id"), rs.getString("sha256"),
                rs.getLong("size_bytes"), type, rs.getString("file_name"), rs.getString("uploaded_by"), uploaderRole,
                rs.getString("checklist_key"), rs.getLong("created_at"));
    }

    private static RecordStoreException unknown(String id, String what, String value) {
        return new RecordStoreException("row " + id + " of table material holds the " + what + " '" + value
                + "', which this server version does not know; was the database written by a newer version or edited"
                + " by hand?");
    }

    // ---- checklists ----

    /** The checklist of a service item, in list order; empty when it has none. */
    public List<ChecklistEntry> checklist(String itemId) {
        return records.read("the materials checklist of item " + itemId, c -> checklist(c, itemId));
    }

    /** The checklist of a service item, on the caller's connection. */
    public List<ChecklistEntry> checklist(Connection c, String itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_key, name_zh, name_en, required, sort"
                + " FROM material_checklist WHERE item_id = ? ORDER BY sort, entry_key")) {
            ps.setString(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                List<ChecklistEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new ChecklistEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4) != 0, rs.getInt(5)));
                }
                return entries;
            }
        }
    }

    /**
     * Replaces the checklist of a service item (an empty list removes it); committed when this returns.
     *
     * @throws MaterialException {@code invalid} for a missing item id or two entries with one key; nothing changes
     */
    public void setChecklist(String itemId, List<ChecklistEntry> entries) {
        validateChecklist(itemId, entries);
        records.write("the materials checklist of item " + itemId, c -> {
            setChecklist(c, itemId, entries);
            return null;
        });
    }

    /** Replaces the checklist of a service item on the caller's connection (inside its transaction). */
    public void setChecklist(Connection c, String itemId, List<ChecklistEntry> entries) throws SQLException {
        validateChecklist(itemId, entries);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM material_checklist WHERE item_id = ?")) {
            delete.setString(1, itemId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO material_checklist (item_id, entry_key,"
                + " name_zh, name_en, required, sort) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ChecklistEntry e : entries) {
                insert.setString(1, itemId);
                insert.setString(2, e.key());
                insert.setString(3, e.nameZh());
                insert.setString(4, e.nameEn());
                insert.setInt(5, e.required() ? 1 : 0);
                insert.setInt(6, e.sort());
                insert.addBatch();
            }
            if (!entries.isEmpty()) insert.executeBatch();
        }
    }

    private static void validateChecklist(String itemId, List<ChecklistEntry> entries) {
        if (itemId == null || itemId.isBlank()) throw MaterialUpload.invalid("a checklist needs a service item id");
        if (entries == null) throw MaterialUpload.invalid("the checklist of item " + itemId + " is missing");
        Set<String> keys = new HashSet<>();
        for (ChecklistEntry e : entries) {
            Objects.requireNonNull(e, "checklist entry");
            if (!keys.add(e.key())) {
                throw MaterialUpload.invalid("the checklist of item " + itemId + " has the key '" + e.key()
                        + "' twice; give each entry its own key");
            }
        }
    }

    /** Which entries of the item's checklist the case's materials fulfil. */
    public ChecklistStatus checklistStatus(String caseNumber, String itemId) {
        return records.read("the checklist status of case " + caseNumber, c -> checklistStatus(c, caseNumber, itemId));
    }

    /** Which entries of the item's checklist the case's materials fulfil, on the caller's connection. */
    public ChecklistStatus checklistStatus(Connection c, String caseNumber, String itemId) throws SQLException {
        return ChecklistStatus.of(caseNumber, itemId, checklist(c, itemId), forCase(c, caseNumber));
    }
}
