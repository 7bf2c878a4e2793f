package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bangban.identity.Role;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the materials repository promises, whatever the database: run against a SQLite file and a real PostgreSQL.
 * The files live in a temporary data directory; the rows in the subclass's database.
 */
abstract class MaterialsContract {
    static final String CASE = "BB-20261126-000123";
    static final String APPLICANT = "portal:u-1";
    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    @TempDir
    Path dataDir;
    protected RecordStore records;
    protected Materials materials;
    protected SimpleMeterRegistry registry;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void open() {
        records = database().openStore();
        materials = new Materials(records, new MaterialStore(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
        registry = new SimpleMeterRegistry();
        materials.bindMetrics(registry);
    }

    @AfterEach
    void close() {
        if (records != null) records.close();
    }

    // ---- adding and finding ----

    @Test
    void anUploadIsStoredRecordedAndReadBackVerified() throws IOException {
        byte[] pdf = TestFiles.pdf();
        Material m = materials.upload(upload("../申请表.pdf", null), new ByteArrayInputStream(pdf));

        assertThat(m.id()).startsWith("mat-");
        assertThat(m.caseNumber()).isEqualTo(CASE);
        assertThat(m.sessionId()).isEqualTo("s-1");
        assertThat(m.type()).isEqualTo(MaterialType.PDF);
        assertThat(m.mediaType()).isEqualTo("application/pdf");
        assertThat(m.fileName()).isEqualTo("申请表.pdf");
        assertThat(m.sizeBytes()).isEqualTo(pdf.length);
        assertThat(m.uploadedBy()).isEqualTo(APPLICANT);
        assertThat(m.uploaderRole()).isEqualTo(Role.APPLICANT);
        assertThat(m.createdAt()).isEqualTo(NOW.toEpochMilli());

        assertThat(materials.find(m.id())).contains(m);
        assertThat(materials.forCase(CASE)).containsExactly(m);
        assertThat(materials.forSession("s-1")).containsExactly(m);
        assertThat(materials.forCase("BB-20261126-000999")).isEmpty();
        try (MaterialContent content = materials.open(m.id())) {
            assertThat(content.material()).isEqualTo(m);
            assertThat(content.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void theRowIsCommittedWhenAddReturns() throws SQLException {
        Material m = materials.upload(upload("a.png", null), new ByteArrayInputStream(TestFiles.png()));
        try (Connection c = database().rawConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT case_number, media_type, sha256, uploader_role FROM material WHERE id = ?")) {
            ps.setString(1, m.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(CASE);
                assertThat(rs.getString(2)).isEqualTo("image/png");
                assertThat(rs.getString(3)).isEqualTo(m.sha256());
                assertThat(rs.getString(4)).isEqualTo("APPLICANT");
            }
        }
    }

    @Test
    void anExecutableRenamedPdfIsRefusedAndNothingIsWritten() throws IOException {
        assertThatThrownBy(() -> materials.upload(upload("申请表.pdf", null), new ByteArrayInputStream(TestFiles.elf())))
                .isInstanceOfSatisfying(MaterialException.class, e -> {
                    assertThat(e.code()).isEqualTo("type_not_allowed");
                    assertThat(e.detected()).contains("ELF executable");
                })
                .hasMessageStartingWith("'申请表.pdf': ").hasMessageContaining("ELF executable");
        assertThat(materials.forCase(CASE)).isEmpty();
        assertThat(blobs()).isEmpty();
        assertThat(refusals("type_not_allowed")).isEqualTo(1.0);
    }

    @Test
    void anOversizedUploadIsRefusedCountedAndNothingIsWritten() throws IOException {
        Materials small = new Materials(records, new MaterialStore(dataDir, 1000, new ContentSniffer()));
        small.bindMetrics(registry);
        byte[] big = Arrays.copyOf(TestFiles.pdf(), 5000);
        assertThatThrownBy(() -> small.upload(upload("big.pdf", null), new ByteArrayInputStream(big)))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("too_large"));
        assertThat(small.forCase(CASE)).isEmpty();
        assertThat(blobs()).isEmpty();
        assertThat(refusals("too_large")).isEqualTo(1.0);
    }

    @Test
    void aBadDescriptionIsRefusedBeforeAnyByteIsStored() {
        assertThatThrownBy(() -> new MaterialUpload(" ", null, "a.pdf", APPLICANT, Role.APPLICANT, null))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"))
                .hasMessageContaining("case number");
        assertThatThrownBy(() -> new MaterialUpload(CASE, null, "a.pdf", null, Role.APPLICANT, null))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> new MaterialUpload(CASE, null, "a.pdf", APPLICANT, null, null))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> new MaterialUpload(CASE, "s 1", "a.pdf", APPLICANT, Role.APPLICANT, null))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> new MaterialUpload(CASE, null, "a.pdf", APPLICANT, Role.APPLICANT, "Not A Key"))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
    }

    @Test
    void acceptedSizesAreMeasured() {
        byte[] png = TestFiles.png();
        materials.upload(upload("a.png", null), new ByteArrayInputStream(png));
        materials.upload(upload("b.png", null), new ByteArrayInputStream(png));
        assertThat(registry.get("bangban.materials.stored.bytes").summary().count()).isEqualTo(2);
        assertThat(registry.get("bangban.materials.stored.bytes").summary().totalAmount()).isEqualTo(2.0 * png.length);
        assertThat(refusals("empty")).isZero();
    }

    @Test
    void theSameFileSentTwiceIsTwoMaterialsOverOneStoredFile() throws IOException {
        byte[] jpeg = TestFiles.jpeg();
        Material first = materials.upload(upload("a.jpg", null), new ByteArrayInputStream(jpeg));
        Material second = materials.upload(upload("scan.pdf", "id-card"), new ByteArrayInputStream(jpeg));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.fileName()).isEqualTo("scan.pdf.jpg");
        assertThat(materials.forCase(CASE)).extracting(Material::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(blobs()).hasSize(1);
    }

    @Test
    void addOnAConnectionIsPartOfTheCallersTransactionAndARollbackKeepsOnlyTheFile() throws IOException {
        StoredContent content = materials.receive(new ByteArrayInputStream(TestFiles.pdf()));
        assertThatThrownBy(() -> records.write("a material and a failing second write", c -> {
            materials.add(c, new NewMaterial(upload("a.pdf", null), content));
            throw new IllegalStateException("the case event could not be appended");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(materials.forCase(CASE)).isEmpty();
        assertThat(materials.files().contains(content.sha256())).as("the unreferenced file stays").isTrue();

        Material kept = records.write("a material and a checklist", c -> {
            materials.setChecklist(c, "item-1", List.of(new ChecklistEntry("form", "申请表", null, true, 1)));
            return materials.add(c, new NewMaterial(upload("a.pdf", "form"), content));
        });
        assertThat(materials.forCase(CASE)).containsExactly(kept);
        assertThat(materials.checklistStatus(CASE, "item-1").complete()).isTrue();
    }

    @Test
    void contentNotInTheFileStoreCannotBeRecorded() {
        StoredContent phantom = new StoredContent("a".repeat(64), 10, MaterialType.PDF);
        assertThatThrownBy(() -> materials.add(new NewMaterial(upload("a.pdf", null), phantom)))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThat(materials.forCase(CASE)).isEmpty();
    }

    @Test
    void materialsOfACaseComeOldestFirst() {
        Instant[] now = {NOW.plusSeconds(60)};
        Materials timed = new Materials(records, materials.files(), new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        Material later = timed.upload(upload("later.png", null), new ByteArrayInputStream(TestFiles.png()));
        now[0] = NOW;
        Material earlier = timed.upload(upload("earlier.pdf", null), new ByteArrayInputStream(TestFiles.pdf()));
        assertThat(timed.forCase(CASE)).containsExactly(earlier, later);
    }

    // ---- reading back ----

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(materials.find("mat-nope")).isEmpty();
        assertThatThrownBy(() -> materials.open("mat-nope"))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("not_found"))
                .hasMessageContaining("mat-nope");
    }

    @Test
    void aDamagedFileIsRefusedOnOpenAndCounted() throws IOException {
        byte[] png = TestFiles.png();
        Material m = materials.upload(upload("photo.png", null), new ByteArrayInputStream(png));
        Path file = materials.files().pathOf(m.sha256());
        byte[] damaged = png.clone();
        damaged[damaged.length - 1] ^= 0x40;
        Files.write(file, damaged);

        assertThatThrownBy(() -> materials.open(m.id()))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("checksum_mismatch"))
                .hasMessageContaining(m.id()).hasMessageContaining(CASE).hasMessageContaining(file.toString());
        assertThat(registry.get("bangban.materials.checksum.failures").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aMissingFileIsNotFoundOnOpen() throws IOException {
        Material m = materials.upload(upload("photo.png", null), new ByteArrayInputStream(TestFiles.png()));
        Files.delete(materials.files().pathOf(m.sha256()));
        assertThatThrownBy(() -> materials.open(m.id()))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("not_found"))
                .hasMessageContaining("missing");
    }

    @Test
    void aRowWithAMediaTypeThisVersionDoesNotKnowIsReported() throws SQLException {
        try (Connection c = database().rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO material (id, case_number, sha256, size_bytes, media_type, file_name,"
                    + " uploaded_by, uploader_role, created_at) VALUES ('mat-x', '" + CASE + "', '" + "b".repeat(64)
                    + "', 1, 'video/mp4', 'x.mp4', 'guest:a', 'APPLICANT', 0)");
        }
        assertThatThrownBy(() -> materials.find("mat-x")).hasMessageContaining("mat-x").hasMessageContaining("video/mp4");
    }

    // ---- checklists ----

    @Test
    void aChecklistIsSetReadInOrderAndReplacedAsAWhole() {
        ChecklistEntry idCard = new ChecklistEntry("id-card", "身份证复印件", "ID card copy", true, 2);
        ChecklistEntry licence = new ChecklistEntry("licence", "营业执照", null, true, 1);
        ChecklistEntry photo = new ChecklistEntry("photo", "照片", "Photo", false, 3);
        materials.setChecklist("item-1", List.of(idCard, licence, photo));
        materials.setChecklist("item-2", List.of(photo));
        assertThat(materials.checklist("item-1")).containsExactly(licence, idCard, photo);

        materials.setChecklist("item-1", List.of(idCard));
        assertThat(materials.checklist("item-1")).containsExactly(idCard);
        assertThat(materials.checklist("item-2")).containsExactly(photo);
        materials.setChecklist("item-1", List.of());
        assertThat(materials.checklist("item-1")).isEmpty();
        assertThat(materials.checklist("no-such-item")).isEmpty();
    }

    @Test
    void aChecklistWithADuplicateKeyIsRefusedAndTheOldOneStays() {
        ChecklistEntry idCard = new ChecklistEntry("id-card", "身份证复印件", null, true, 1);
        materials.setChecklist("item-1", List.of(idCard));
        assertThatThrownBy(() -> materials.setChecklist("item-1", List.of(
                new ChecklistEntry("photo", "照片", null, true, 1), new ChecklistEntry("photo", "照片2", null, true, 2))))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"))
                .hasMessageContaining("'photo' twice");
        assertThat(materials.checklist("item-1")).containsExactly(idCard);
    }

    @Test
    void theChecklistStatusTellsWhichEntriesTheCasesMaterialsFulfil() {
        materials.setChecklist("item-1", List.of(
                new ChecklistEntry("id-card", "身份证复印件", null, true, 1),
                new ChecklistEntry("licence", "营业执照", null, true, 2),
                new ChecklistEntry("photo", "照片", null, false, 3)));
        Material idCard = materials.upload(upload("id.jpg", "id-card"), new ByteArrayInputStream(TestFiles.jpeg()));
        materials.upload(upload("other.pdf", null), new ByteArrayInputStream(TestFiles.pdf()));
        materials.upload(new MaterialUpload("BB-20261126-000999", null, "l.pdf", "portal:u-2", Role.APPLICANT,
                "licence"), new ByteArrayInputStream(TestFiles.pdf())); // another case's licence

        ChecklistStatus status = materials.checklistStatus(CASE, "item-1");
        assertThat(status.caseNumber()).isEqualTo(CASE);
        assertThat(status.entries()).extracting(s -> s.entry().key()).containsExactly("id-card", "licence", "photo");
        assertThat(status.entries().get(0).materialIds()).containsExactly(idCard.id());
        assertThat(status.missingRequired()).extracting(ChecklistEntry::key).containsExactly("licence");
        assertThat(status.complete()).isFalse();

        materials.upload(upload("licence.ofd", "licence"), new ByteArrayInputStream(TestFiles.ofd()));
        assertThat(materials.checklistStatus(CASE, "item-1").complete()).isTrue();
    }

    // ---- helpers ----

    static MaterialUpload upload(String fileName, String checklistKey) {
        return new MaterialUpload(CASE, "s-1", fileName, APPLICANT, Role.APPLICANT, checklistKey);
    }

    private double refusals(String reason) {
        return registry.get("bangban.materials.refused").tag("reason", reason).counter().count();
    }

    private List<Path> blobs() throws IOException {
        Path root = materials.files().root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(root.resolve(MaterialStore.INCOMING))).toList();
        }
    }
}
