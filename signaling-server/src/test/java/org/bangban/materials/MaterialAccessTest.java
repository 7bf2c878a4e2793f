package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bangban.identity.Role;
import org.junit.jupiter.api.Test;

class MaterialAccessTest {
    private static final String APPLICANT = "portal:u-1";
    private static final List<String> HELPERS = List.of("staff:h1", "staff:h2");

    @Test
    void theCasesApplicantMayRead() {
        assertThat(MaterialAccess.canRead(APPLICANT, Role.APPLICANT, APPLICANT, HELPERS)).isTrue();
    }

    @Test
    void anotherApplicantMayNot() {
        assertThat(MaterialAccess.canRead("portal:u-2", Role.APPLICANT, APPLICANT, HELPERS)).isFalse();
        assertThat(MaterialAccess.canRead("guest:x", Role.APPLICANT, null, HELPERS)).isFalse();
    }

    @Test
    void theCasesHelpersMayReadAndOtherHelpersMayNot() {
        assertThat(MaterialAccess.canRead("staff:h1", Role.HELPER, APPLICANT, HELPERS)).isTrue();
        assertThat(MaterialAccess.canRead("staff:h2", Role.HELPER, APPLICANT, Set.of("staff:h2"))).isTrue();
        assertThat(MaterialAccess.canRead("staff:h3", Role.HELPER, APPLICANT, HELPERS)).isFalse();
        assertThat(MaterialAccess.canRead("staff:h1", Role.HELPER, APPLICANT, List.of())).isFalse();
        assertThat(MaterialAccess.canRead("staff:h1", Role.HELPER, APPLICANT, null)).isFalse();
    }

    @Test
    void anySupervisorMayRead() {
        assertThat(MaterialAccess.canRead("staff:s9", Role.SUPERVISOR, APPLICANT, HELPERS)).isTrue();
        assertThat(MaterialAccess.canRead("staff:s9", Role.SUPERVISOR, null, List.of())).isTrue();
    }

    @Test
    void theRoleMustFitTheRelation() {
        // a helper id named as the applicant, or the applicant's id listed as a helper, grants nothing in the wrong role
        assertThat(MaterialAccess.canRead("staff:h1", Role.APPLICANT, APPLICANT, HELPERS)).isFalse();
        assertThat(MaterialAccess.canRead(APPLICANT, Role.HELPER, APPLICANT, HELPERS)).isFalse();
    }

    @Test
    void nobodyWithoutAnIdOrRoleMayRead() {
        assertThat(MaterialAccess.canRead(null, Role.SUPERVISOR, APPLICANT, HELPERS)).isFalse();
        assertThat(MaterialAccess.canRead(" ", Role.SUPERVISOR, APPLICANT, HELPERS)).isFalse();
        assertThat(MaterialAccess.canRead(APPLICANT, null, APPLICANT, HELPERS)).isFalse();
    }
}
