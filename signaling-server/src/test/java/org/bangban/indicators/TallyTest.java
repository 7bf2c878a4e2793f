package org.bangban.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bangban.cases.CaseResult;
import org.bangban.store.Outcome;
import org.junit.jupiter.api.Test;

/** The formulas, on tallies made by hand. */
class TallyTest {
    @Test
    void serviceLevelCountsAnsweredWithinTheThresholdOverAnsweredPlusAbandoned() {
        Tally t = new Tally();
        t.request(Outcome.PAIRED, 59_999, 60_000);
        t.request(Outcome.PAIRED, 60_000, 60_000); // at the threshold: within
        t.request(Outcome.PAIRED, 60_001, 60_000);
        t.request(Outcome.ABANDONED, 5_000, 60_000); // abandoned early still counts against it
        t.request(Outcome.CANCELLED, 5_000, 60_000); // neither answered nor abandoned
        t.request(Outcome.CALLBACK, 0, 60_000);
        t.request(Outcome.REJECTED, 0, 60_000);
        IndicatorRow r = IndicatorRow.of("", "", t);
        assertThat(r.serviceLevel()).isEqualTo(new Rate(2, 4));
        assertThat(r.abandonment()).isEqualTo(new Rate(1, 7));
        assertThat(r.requestsEnded()).isEqualTo(7);
        assertThat(r.waitPaired().count()).isEqualTo(3);
        assertThat(r.waitAbandoned().meanMs()).isEqualTo(5_000.0);
    }

    @Test
    void partlyResolvedIsNotResolvedButHasItsOwnRate() {
        Tally t = new Tally();
        t.caseOpened(CaseResult.RESOLVED);
        t.caseOpened(CaseResult.PARTLY_RESOLVED);
        t.caseOpened(CaseResult.NOT_RESOLVED);
        t.caseOpened(CaseResult.TRANSFERRED);
        t.caseOpened(null); // no result yet: not in the denominator
        IndicatorRow r = IndicatorRow.of("", "", t);
        assertThat(r.cases()).isEqualTo(5);
        assertThat(r.resolution()).isEqualTo(new Rate(1, 4));
        assertThat(r.partlyResolved()).isEqualTo(new Rate(1, 4));
    }

    @Test
    void satisfactionIsSatisfiedAndAboveOverAllRatingsLeavingUpheldAppealsOut() {
        Tally t = new Tally();
        for (int score = 1; score <= 5; score++) t.rating(score, false);
        t.rating(1, true);
        t.rating(5, true);
        assertThat(IndicatorRow.of("", "", t).satisfaction()).isEqualTo(new Rate(2, 5));
    }

    @Test
    void followUpAndOnTimeRectification() {
        Tally t = new Tally();
        t.followUp(false, 10L, 99L, 100L);  // contacted, rectified before the deadline
        t.followUp(false, 10L, 100L, 100L); // rectified at the deadline: late (late from that instant)
        t.followUp(false, null, null, 100L); // nothing done yet
        t.followUp(true, 10L, 500L, 100L);  // appeal upheld: left out
        IndicatorRow r = IndicatorRow.of("", "", t);
        assertThat(r.followUp()).isEqualTo(new Rate(2, 3));
        assertThat(r.onTimeRectification()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void responseAndHandlingTimes() {
        Tally t = new Tally();
        t.session(1_000, 16_000, 180_000L, 60_000L);
        t.session(1_000, 31_000, 480_000L, null); // no wrap-up recorded: 0
        t.session(1_000, 121_000, null, null);    // live: no handling time yet
        IndicatorRow r = IndicatorRow.of("", "", t);
        assertThat(r.sessions()).isEqualTo(3);
        assertThat(r.responseTime()).isEqualTo(new Distribution(3, 55_000.0, 30_000L, 120_000L, 120_000L));
        assertThat(r.handlingTime()).isEqualTo(new Distribution(2, 360_000.0, 240_000L, 480_000L, 480_000L));
    }

    @Test
    void tallyTextRoundTripsAndAddsUp() {
        Tally a = new Tally();
        a.session(0, 15_000, 240_000L, 0L);
        a.request(Outcome.ABANDONED, 7_500, 60_000);
        a.caseOpened(CaseResult.RESOLVED);
        a.rating(4, false);
        a.followUp(false, 1L, 2L, 3L);
        Tally b = Tally.decode(a.encode());
        assertThat(b.encode()).isEqualTo(a.encode());
        b.addEncoded(a.encode());
        Tally twice = new Tally();
        twice.addAll(a);
        twice.addAll(a);
        assertThat(b.encode()).isEqualTo(twice.encode());
        assertThat(IndicatorRow.of("", "", twice).satisfaction()).isEqualTo(new Rate(2, 2));
        assertThat(new Tally().isEmpty()).isTrue();
        assertThat(a.isEmpty()).isFalse();
        assertThatThrownBy(() -> Tally.decode("1,2,3|||")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateWithNothingToDivideHasNoValue() {
        assertThat(new Rate(0, 0).value()).isNull();
        assertThat(new Rate(1, 3).value()).isEqualTo(1.0 / 3);
        assertThatThrownBy(() -> new Rate(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
