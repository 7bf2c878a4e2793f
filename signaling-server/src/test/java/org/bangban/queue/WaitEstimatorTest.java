package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {

    @Test
    void fiveMinutesPerRoundBeforeAnyHandlingTimeIsKnown() {
        WaitEstimator e = new WaitEstimator();
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.estimate(1, 1)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void roundsArePositionOverStaffedHelpersRoundedUp() {
        WaitEstimator e = new WaitEstimator();
        e.record(Duration.ofMinutes(3), Duration.ofMinutes(1)); // 4 min handling time
        assertThat(e.estimate(1, 3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(e.estimate(3, 3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(e.estimate(4, 3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(e.estimate(7, 3)).isEqualTo(Duration.ofMinutes(12));
        assertThat(e.estimate(5, 1)).isEqualTo(Duration.ofMinutes(20));
        // nobody staffed counts as one helper
        assertThat(e.estimate(2, 0)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void theMeanIsOverTheLastHundredHandlingTimes() {
        WaitEstimator e = new WaitEstimator();
        for (int i = 0; i < 100; i++) e.record(Duration.ofMinutes(10));
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofMinutes(10));
        for (int i = 0; i < 50; i++) e.record(Duration.ofMinutes(2));
        assertThat(e.samples()).isEqualTo(100);
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofMinutes(6)); // 50 × 10 + 50 × 2
        for (int i = 0; i < 50; i++) e.record(Duration.ofMinutes(2));
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSmallWindowForgetsQuickly() {
        WaitEstimator e = new WaitEstimator(2, Duration.ofMinutes(1));
        e.record(Duration.ofSeconds(60));
        e.record(Duration.ofSeconds(120));
        e.record(Duration.ofSeconds(180));
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void canBeFedFromManyThreads() throws InterruptedException {
        WaitEstimator e = new WaitEstimator(1000, Duration.ofMinutes(5));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 250; i++) e.record(Duration.ofSeconds(90));
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) t.join();
        assertThat(e.samples()).isEqualTo(1000);
        assertThat(e.meanHandlingTime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rejectsBadInput() {
        WaitEstimator e = new WaitEstimator();
        assertThatThrownBy(() -> e.estimate(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position");
        assertThatThrownBy(() -> e.estimate(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eligibleHelpersStaffed");
        assertThatThrownBy(() -> e.record(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handlingTime");
        assertThatThrownBy(() -> new WaitEstimator(0, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowSize");
    }
}
