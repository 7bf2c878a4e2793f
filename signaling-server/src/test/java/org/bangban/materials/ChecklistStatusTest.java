package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bangban.identity.Role;
import org.junit.jupiter.api.Test;

class ChecklistStatusTest {
    private static final ChecklistEntry ID_CARD = new ChecklistEntry("id-card", "身份证复印件", "ID card copy", true, 1);
    private static final ChecklistEntry LICENCE = new ChecklistEntry("licence", "营业执照", null, true, 2);
    private static final ChecklistEntry PHOTO = new ChecklistEntry("photo", "照片", "Photo", false, 3);

    @Test
    void entriesAreSatisfiedByTheMaterialsNamingTheirKey() {
        ChecklistStatus status = ChecklistStatus.of("BB-1", "item-1", List.of(ID_CARD, LICENCE, PHOTO),
                List.of(material("m1", "id-card"), material("m2", null), material("m3", "id-card"),
                        material("m4", "unknown-key")));
        assertThat(status.entries()).extracting(s -> s.entry().key()).containsExactly("id-card", "licence", "photo");
        assertThat(status.entries().get(0).materialIds()).containsExactly("m1", "m3");
        assertThat(status.entries().get(0).satisfied()).isTrue();
        assertThat(status.entries().get(1).satisfied()).isFalse();
        assertThat(status.missingRequired()).containsExactly(LICENCE);
        assertThat(status.complete()).isFalse();
    }

    @Test
    void optionalEntriesDoNotHoldACaseBack() {
        ChecklistStatus status = ChecklistStatus.of("BB-1", "item-1", List.of(ID_CARD, PHOTO),
                List.of(material("m1", "id-card")));
        assertThat(status.complete()).isTrue();
        assertThat(ChecklistStatus.of("BB-1", "item-1", List.of(), List.of()).complete()).isTrue();
    }

    @Test
    void malformedEntriesAreRefused() {
        assertThatThrownBy(() -> new ChecklistEntry("ID Card", "身份证", null, true, 1))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> new ChecklistEntry("id-card", " ", null, true, 1))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThat(new ChecklistEntry("a.b_c-1", "名", " ", false, 0).nameEn()).isNull();
    }

    private static Material material(String id, String key) {
        return new Material(id, "BB-1", null, "0".repeat(64), 1, MaterialType.PDF, "a.pdf", "guest:a",
                Role.APPLICANT, key, 1);
    }
}
