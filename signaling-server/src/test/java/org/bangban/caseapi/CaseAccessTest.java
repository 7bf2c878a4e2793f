package org.bangban.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bangban.cases.CaseHelper;
import org.bangban.cases.HelperRole;
import org.junit.jupiter.api.Test;

class CaseAccessTest {
    private static final Instant T = Instant.parse("2026-11-26T02:00:00Z");
    private static final String APPLICANT = "guest:a1";
    private static final List<CaseHelper> HELPED_BY_H1 = List.of(new CaseHelper("staff:h1", HelperRole.PRIMARY, T),
            new CaseHelper("staff:h2", HelperRole.ASSISTING, T), new CaseHelper("staff:h0", HelperRole.TRANSFERRED_FROM, T));

    @Test
    void aSupervisorSeesWorksAndRevealsEveryCase() {
        CaseAccess.Viewer s = CaseAccess.Viewer.supervisor("staff:s1");
        assertThat(CaseAccess.canSee(s, APPLICANT, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canSee(s, APPLICANT, List.of())).isTrue();
        assertThat(CaseAccess.canWork(s, List.of())).isTrue();
        assertThat(CaseAccess.canReveal(s, List.of())).isTrue();
        assertThat(CaseAccess.searchScope(s)).isInstanceOf(CaseAccess.Everything.class);
    }

    @Test
    void aHelperSeesItsOwnItsFormerAndItsTeamsCasesButWorksOnlyOnItsCurrentOnes() {
        CaseAccess.Viewer h1 = CaseAccess.Viewer.helper("staff:h1", Set.of());
        assertThat(CaseAccess.canSee(h1, APPLICANT, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canWork(h1, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canReveal(h1, HELPED_BY_H1)).isTrue();

        CaseAccess.Viewer former = CaseAccess.Viewer.helper("staff:h0", Set.of());
        assertThat(CaseAccess.canSee(former, APPLICANT, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canWork(former, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canReveal(former, HELPED_BY_H1)).isFalse();

        CaseAccess.Viewer mate = CaseAccess.Viewer.helper("staff:h9", Set.of("staff:h1", "staff:h9"));
        assertThat(CaseAccess.canSee(mate, APPLICANT, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canWork(mate, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canReveal(mate, HELPED_BY_H1)).isFalse();

        CaseAccess.Viewer stranger = CaseAccess.Viewer.helper("staff:x", Set.of("staff:y"));
        assertThat(CaseAccess.canSee(stranger, APPLICANT, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canSee(stranger, APPLICANT, List.of())).isFalse();
        assertThat(CaseAccess.canWork(stranger, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.searchScope(stranger)).isEqualTo(new CaseAccess.OfHelpers(Set.of("staff:x", "staff:y")));
    }

    @Test
    void anApplicantSeesOnlyItsOwnCasesAndWorksOnNone() {
        CaseAccess.Viewer a = CaseAccess.Viewer.applicant(APPLICANT);
        assertThat(CaseAccess.canSee(a, APPLICANT, HELPED_BY_H1)).isTrue();
        assertThat(CaseAccess.canSee(a, "guest:other", HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canSee(a, null, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canWork(a, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.canReveal(a, HELPED_BY_H1)).isFalse();
        assertThat(CaseAccess.searchScope(a)).isEqualTo(new CaseAccess.OfApplicant(APPLICANT));
    }

    @Test
    void anApplicantWhoseIdIsAHelpersIdStillSeesNothingOfThatHelper() {
        // roles are separate: an applicant token never passes as a helper of a case
        CaseAccess.Viewer a = CaseAccess.Viewer.applicant("staff:h1");
        assertThat(CaseAccess.canSee(a, APPLICANT, HELPED_BY_H1)).isFalse();
    }
}
