package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.queue.Fixtures.COMPANY_CHANGE;
import static org.bangban.queue.Fixtures.COMPANY_REGISTRATION;
import static org.bangban.queue.Fixtures.MINUTE;
import static org.bangban.queue.Fixtures.T0;
import static org.bangban.queue.Fixtures.TAX_RETURN;
import static org.bangban.queue.Fixtures.helper;
import static org.bangban.queue.Fixtures.request;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private final Eligibility eligibility = Eligibility.of(RoutingConfig.defaults());

    @Test
    void itemSkillGivesItsProficiency() {
        HelperProfile h = helper("h1").skill(COMPANY_REGISTRATION, 4).profile();
        assertThat(eligibility.proficiency(request("r").build(), h, T0)).isEqualTo(4);
        assertThat(eligibility.proficiency(request("r").item(TAX_RETURN).build(), h, T0)).isZero();
    }

    @Test
    void categorySkillCoversEveryItemOfTheCategoryAndTheHigherSkillCounts() {
        HelperProfile h = helper("h1").categorySkill("市场主体登记", 3).skill(COMPANY_CHANGE, 5).profile();
        assertThat(eligibility.proficiency(request("r").item(COMPANY_REGISTRATION).build(), h, T0)).isEqualTo(3);
        assertThat(eligibility.proficiency(request("r").item(COMPANY_CHANGE).build(), h, T0)).isEqualTo(5);
        HelperProfile weakItem = helper("h2").categorySkill("市场主体登记", 4).skill(COMPANY_CHANGE, 2).profile();
        assertThat(eligibility.proficiency(request("r").item(COMPANY_CHANGE).build(), weakItem, T0)).isEqualTo(4);
    }

    @Test
    void skillLevelsBelowOneCountAsNoSkill() {
        HelperProfile h = helper("h1").skill(COMPANY_REGISTRATION, 0).profile();
        assertThat(eligibility.isEligible(request("r").build(), h, T0)).isFalse();
    }

    @Test
    void theHelperMustSpeakTheRequestLanguage() {
        HelperProfile zhOnly = helper("h1").skill(COMPANY_REGISTRATION, 5).profile();
        HelperProfile bilingual = helper("h2").skill(COMPANY_REGISTRATION, 2).languages("zh", "en").profile();
        HelpRequest english = request("r").language("en").build();
        assertThat(eligibility.isEligible(english, zhOnly, T0)).isFalse();
        assertThat(eligibility.proficiency(english, bilingual, T0)).isEqualTo(2);
    }

    @Test
    void overflowWidensToTheDepartmentAndTheFallbackGroupOnlyAfterTheWait() {
        HelpRequest r = request("r").arrivedAt(T0).build();
        HelperProfile sameDepartment = helper("dept").department("市场监管局").profile();
        HelperProfile backup = helper("backup").group("registration-backup").profile();
        HelperProfile stranger = helper("stranger").department("税务局").group("tax-team").profile();
        long justBefore = T0 + 2 * MINUTE - 1;
        long atOverflow = T0 + 2 * MINUTE;
        assertThat(eligibility.isEligible(r, sameDepartment, justBefore)).isFalse();
        assertThat(eligibility.isEligible(r, backup, justBefore)).isFalse();
        assertThat(eligibility.proficiency(r, sameDepartment, atOverflow)).isEqualTo(1);
        assertThat(eligibility.proficiency(r, backup, atOverflow)).isEqualTo(1);
        assertThat(eligibility.isEligible(r, stranger, T0 + 60 * MINUTE)).isFalse();
        // language still applies after overflow
        assertThat(eligibility.isEligible(request("en").language("en").build(), sameDepartment, atOverflow)).isFalse();
    }

    @Test
    void aSkilledHelperKeepsItsProficiencyAfterOverflow() {
        HelperProfile h = helper("h").skill(COMPANY_REGISTRATION, 4).department("市场监管局").profile();
        assertThat(eligibility.proficiency(request("r").build(), h, T0 + 30 * MINUTE)).isEqualTo(4);
    }

    @Test
    void overflowWaitIsConfigurable() {
        Eligibility quick = new Eligibility(Duration.ofSeconds(30));
        HelperProfile sameDepartment = helper("dept").department("市场监管局").profile();
        assertThat(quick.isEligible(request("r").build(), sameDepartment, T0 + 30_000)).isTrue();
        assertThat(quick.isEligible(request("r").build(), sameDepartment, T0 + 29_999)).isFalse();
    }

    @Test
    void aRequiredHelperIsTheOnlyOneEligibleWhateverItsSkills() {
        HelpRequest r = request("r").required("h2").build();
        HelperProfile expert = helper("h1").skill(COMPANY_REGISTRATION, 5).profile();
        HelperProfile named = helper("h2").profile();
        assertThat(eligibility.isEligible(r, expert, T0)).isFalse();
        assertThat(eligibility.proficiency(r, named, T0)).isEqualTo(1);
        HelperProfile namedSkilled = helper("h2").skill(COMPANY_REGISTRATION, 3).profile();
        assertThat(eligibility.proficiency(r, namedSkilled, T0)).isEqualTo(3);
        // even after the overflow wait
        assertThat(eligibility.isEligible(r, helper("dept").department("市场监管局").profile(), T0 + 60 * MINUTE))
                .isFalse();
    }

    @Test
    void aRequiredHelperWhoDeclinedIsNotOfferedAgainSoTheRequestWaits() {
        HelpRequest r = request("r").required("h2").declinedBy("h2").build();
        assertThat(eligibility.isEligible(r, helper("h2").skill(COMPANY_REGISTRATION, 5).profile(), T0)).isFalse();
        assertThat(eligibility.isEligible(r, helper("h1").skill(COMPANY_REGISTRATION, 5).profile(), T0)).isFalse();
    }

    @Test
    void aTargetGroupTakesItsMembersAtTheirSkillOrOne() {
        HelpRequest r = request("r").targetGroup("senior").build();
        HelperProfile member = helper("m").group("senior").profile();
        HelperProfile skilledMember = helper("s").group("senior").categorySkill("市场主体登记", 4).profile();
        HelperProfile outsider = helper("o").skill(COMPANY_REGISTRATION, 5).profile();
        assertThat(eligibility.proficiency(r, member, T0)).isEqualTo(1);
        assertThat(eligibility.proficiency(r, skilledMember, T0)).isEqualTo(4);
        assertThat(eligibility.isEligible(r, outsider, T0)).isFalse();
    }

    @Test
    void aHelperWhoDeclinedIsNeverOfferedTheRequestAgain() {
        HelpRequest r = request("r").declinedBy("h1").build();
        assertThat(eligibility.isEligible(r, helper("h1").skill(COMPANY_REGISTRATION, 5).profile(), T0)).isFalse();
        assertThat(eligibility.isEligible(r, helper("h2").skill(COMPANY_REGISTRATION, 1).profile(), T0)).isTrue();
        HelpRequest grouped = request("g").targetGroup("senior").declinedBy("m").build();
        assertThat(eligibility.isEligible(grouped, helper("m").group("senior").profile(), T0)).isFalse();
    }

    @Test
    void delegationOnlyForItemsOnTheDelegableList() {
        HelperProfile h = helper("h").skill(TAX_RETURN, 5).skill(COMPANY_REGISTRATION, 5).profile();
        assertThat(eligibility.isEligible(request("r").item(TAX_RETURN).delegate().build(), h, T0)).isFalse();
        assertThat(eligibility.isEligible(request("r").item(TAX_RETURN).build(), h, T0)).isTrue();
        assertThat(eligibility.isEligible(request("r").item(COMPANY_REGISTRATION).delegate().build(), h, T0))
                .isTrue();
    }

    @Test
    void rejectsANegativeOverflowWait() {
        assertThatThrownBy(() -> new Eligibility(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflowAfter");
    }
}
