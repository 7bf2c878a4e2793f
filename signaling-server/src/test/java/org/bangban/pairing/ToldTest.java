package org.bangban.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a waiting applicant is told of its place again (queue.update), from what it was last told. */
class ToldTest {
    private static final long QUIET = 30_000;
    private final PairingService.Told told = new PairingService.Told(5, 40, 600, 1_000);

    @Test
    void aNewPositionIsToldAtOnce() {
        assertThat(told.mustTell(4, 40, 600, 1_001, QUIET)).isTrue();
        assertThat(told.mustTell(6, 41, 660, 1_001, QUIET)).isTrue();
    }

    @Test
    void nothingNewIsNeverTold() {
        assertThat(told.mustTell(5, 40, 600, 1_000 + 10 * QUIET, QUIET)).isFalse();
    }

    @Test
    void aNewLengthOrEstimateAloneWaitsForTheQuietInterval() {
        assertThat(told.mustTell(5, 41, 600, 1_000 + QUIET - 1, QUIET)).isFalse();
        assertThat(told.mustTell(5, 40, 590, 1_000 + QUIET - 1, QUIET)).isFalse();
        assertThat(told.mustTell(5, 41, 600, 1_000 + QUIET, QUIET)).isTrue();
        assertThat(told.mustTell(5, 40, 590, 1_000 + QUIET, QUIET)).isTrue();
    }

    @Test
    void aQuietIntervalOfZeroTellsEveryChange() {
        assertThat(told.mustTell(5, 41, 600, 1_000, 0)).isTrue();
    }
}
