package org.bangban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bangban.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure rules of a rating: levels, tags, comment text, who may rate and when. */
class RatingTest {
    static final Instant ENDED = Instant.parse("2026-11-26T02:00:00Z");
    static final Actor APPLICANT = new Actor("portal:alice", Role.APPLICANT);

    static NewRating rating(Actor rater, RatingLevel level) {
        return new NewRating("s-1", "BB-20261126-000001", "portal:alice", "staff:h1", ENDED, rater, level, null, null);
    }

    // ---- levels ----

    @Test
    void theFiveLevelsOfTheNationalSchemeWithTheirScoresAndLabels() {
        assertThat(RatingLevel.values()).extracting(RatingLevel::score).containsExactly(5, 4, 3, 2, 1);
        assertThat(RatingLevel.values()).extracting(RatingLevel::labelZh)
                .containsExactly("非常满意", "满意", "基本满意", "不满意", "非常不满意");
    }

    @Test
    void onlyTheTwoLowestAreBadAndOnlySatisfiedAndAboveAreSatisfied() {
        assertThat(Arrays.stream(RatingLevel.values()).filter(RatingLevel::isBad))
                .containsExactly(RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED);
        assertThat(Arrays.stream(RatingLevel.values()).filter(RatingLevel::isSatisfied))
                .containsExactly(RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED);
        assertThat(RatingLevel.BASICALLY_SATISFIED.isBad()).isFalse();
        assertThat(RatingLevel.BASICALLY_SATISFIED.isSatisfied()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RatingLevel.class)
    void aLevelIsFoundByItsScoreAndItsName(RatingLevel level) {
        assertThat(RatingLevel.ofScore(level.score())).isEqualTo(level);
        assertThat(RatingLevel.ofName(" " + level.name() + " ")).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1})
    void aScoreOutsideOneToFiveIsRefused(int score) {
        assertThatThrownBy(() -> RatingLevel.ofScore(score)).isInstanceOf(EvaluationException.class)
                .extracting("code").isEqualTo("invalid_input");
    }

    @Test
    void anUnknownLevelNameIsRefused() {
        assertThatThrownBy(() -> RatingLevel.ofName("GOOD")).extracting("code").isEqualTo("invalid_input");
        assertThatThrownBy(() -> RatingLevel.ofName(null)).extracting("code").isEqualTo("invalid_input");
    }

    // ---- tags ----

    @Test
    void tagsHaveUniqueStableCodesAndLabels() {
        assertThat(Arrays.stream(RatingTag.values()).map(RatingTag::code).distinct().count())
                .isEqualTo(RatingTag.values().length);
        assertThat(RatingTag.ofCode("long_wait")).isEqualTo(RatingTag.LONG_WAIT);
        assertThat(RatingTag.ofCode(" Good_Attitude ")).isEqualTo(RatingTag.GOOD_ATTITUDE);
        assertThat(RatingTag.LONG_WAIT.labelZh()).isEqualTo("等待太久");
        assertThat(RatingTag.GOOD_ATTITUDE.praise()).isTrue();
        assertThat(RatingTag.PROBLEM_NOT_SOLVED.praise()).isFalse();
    }

    @Test
    void anUnknownTagCodeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> RatingTag.ofCodes(List.of("efficient", "rude")))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("'rude'")
                .hasMessageContaining("long_wait").extracting("code").isEqualTo("unknown_tag");
    }

    @Test
    void tagsAreStoredInDeclarationOrderAndReadBack() {
        Set<RatingTag> tags = RatingTag.ofCodes(List.of("long_wait", "efficient", "long_wait"));
        assertThat(tags).containsExactlyInAnyOrder(RatingTag.EFFICIENT, RatingTag.LONG_WAIT);
        assertThat(RatingTag.store(tags)).isEqualTo("efficient,long_wait");
        assertThat(RatingTag.fromStored("efficient,long_wait")).isEqualTo(tags);
        assertThat(RatingTag.store(Set.of())).isEmpty();
        assertThat(RatingTag.store(null)).isEmpty();
        assertThat(RatingTag.fromStored("")).isEmpty();
        assertThat(RatingTag.ofCodes(null)).isEmpty();
    }

    // ---- free text ----

    @Test
    void aCommentIsTrimmedAndBlankMeansNone() {
        assertThat(FreeText.optional("the comment", "  很好  ", 500)).isEqualTo("很好");
        assertThat(FreeText.optional("the comment", " \n ", 500)).isNull();
        assertThat(FreeText.optional("the comment", null, 500)).isNull();
    }

    @Test
    void lineBreaksAreKeptAndNormalised() {
        assertThat(FreeText.optional("the comment", "第一行\r\n第二行\r第三行", 500)).isEqualTo("第一行\n第二行\n第三行");
    }

    @Test
    void fiveHundredChineseCharactersPassAndFiveHundredAndOneAreRefused() {
        assertThat(FreeText.optional("the comment", "好".repeat(500), FreeText.MAX_COMMENT)).hasSize(500);
        assertThat(FreeText.optional("the comment", "😀".repeat(500), FreeText.MAX_COMMENT)).hasSize(1000);
        assertThatThrownBy(() -> FreeText.optional("the comment", "好".repeat(501), FreeText.MAX_COMMENT))
                .hasMessageContaining("501").hasMessageContaining("500").extracting("code").isEqualTo("invalid_text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad\u0000text", "tab\there", "bell\u0007", "del\u007f", "spoof\u202Etxt", "iso\u2066x"})
    void controlCharactersAndBidiOverridesAreRefused(String text) {
        assertThatThrownBy(() -> FreeText.optional("the comment", text, 500)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("U+").extracting("code").isEqualTo("invalid_text");
    }

    @Test
    void aRequiredTextMustNotBeBlank() {
        assertThatThrownBy(() -> FreeText.required("the reason", "  ", 100)).extracting("code")
                .isEqualTo("invalid_input");
        assertThat(FreeText.required("the reason", " 恶意评价 ", 100)).isEqualTo("恶意评价");
    }

    // ---- a new rating ----

    @Test
    void aNewRatingNormalisesItsCommentAndTags() {
        NewRating r = new NewRating(" s-1 ", "BB-20261126-000001", "portal:alice", "staff:h1", ENDED, APPLICANT,
                RatingLevel.SATISFIED, EnumSet.of(RatingTag.EFFICIENT), "  谢谢 ");
        assertThat(r.sessionId()).isEqualTo("s-1");
        assertThat(r.comment()).isEqualTo("谢谢");
        assertThat(r.tags()).containsExactly(RatingTag.EFFICIENT);
        assertThat(rating(APPLICANT, RatingLevel.SATISFIED).tags()).isEmpty();
    }

    @Test
    void aNewRatingNeedsItsSessionFactsAndALevel() {
        assertThatThrownBy(() -> new NewRating(null, "BB-1", "portal:alice", "staff:h1", ENDED, APPLICANT,
                RatingLevel.SATISFIED, null, null)).extracting("code").isEqualTo("invalid_input");
        assertThatThrownBy(() -> new NewRating("s-1", "BB-1", "portal:alice", "staff:h1", null, APPLICANT,
                RatingLevel.SATISFIED, null, null)).extracting("code").isEqualTo("invalid_input");
        assertThatThrownBy(() -> new NewRating("s-1", "BB-1", "portal:alice", "staff:h1", ENDED, APPLICANT,
                null, null, null)).extracting("code").isEqualTo("invalid_input");
        assertThatThrownBy(() -> new NewRating("s-1", "BB-1", "portal:alice", "staff:h1", ENDED, APPLICANT,
                RatingLevel.SATISFIED, null, "x\u0000")).extracting("code").isEqualTo("invalid_text");
    }

    // ---- who and when ----

    @Test
    void theApplicantRatesFromTheEndToTheEndOfTheWindowInclusive() {
        Duration week = Duration.ofDays(7);
        RatingRules.check(rating(APPLICANT, RatingLevel.SATISFIED), ENDED, week);
        RatingRules.check(rating(APPLICANT, RatingLevel.SATISFIED), ENDED.plus(week), week);
        RatingRules.check(rating(APPLICANT, RatingLevel.SATISFIED), ENDED.minusSeconds(2), week);
        assertThatThrownBy(() -> RatingRules.check(rating(APPLICANT, RatingLevel.SATISFIED),
                ENDED.plus(week).plusMillis(1), week)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("s-1").extracting("code").isEqualTo("window_closed");
    }

    @Test
    void theWindowIsConfigurable() {
        assertThatThrownBy(() -> RatingRules.check(rating(APPLICANT, RatingLevel.SATISFIED),
                ENDED.plus(Duration.ofDays(2)), Duration.ofDays(1))).extracting("code").isEqualTo("window_closed");
    }

    @Test
    void onlyTheSessionsApplicantMayRateEvenWhenLate() {
        Duration week = Duration.ofDays(7);
        for (Actor other : List.of(new Actor("portal:bob", Role.APPLICANT), new Actor("staff:h1", Role.HELPER),
                new Actor("portal:alice", Role.SUPERVISOR))) {
            assertThatThrownBy(() -> RatingRules.check(rating(other, RatingLevel.SATISFIED), ENDED, week))
                    .extracting("code").isEqualTo("forbidden");
            assertThatThrownBy(() -> RatingRules.check(rating(other, RatingLevel.SATISFIED), ENDED.plus(
                    Duration.ofDays(30)), week)).extracting("code").isEqualTo("forbidden");
        }
    }
}
