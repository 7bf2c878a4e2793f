package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

    @Test
    void defaults() {
        RoutingConfig c = RoutingConfig.defaults();
        assertThat(c.greenHeadStart()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.transferHeadStart()).isEqualTo(Duration.ofHours(1));
        assertThat(c.overflowAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.strategy()).isEqualTo(StrategyName.PROFICIENCY_THEN_LONGEST_IDLE);
    }

    @Test
    void headStarts() {
        assertThat(RoutingConfig.headStartFor(PriorityClass.NORMAL, false)).isZero();
        assertThat(RoutingConfig.headStartFor(PriorityClass.GREEN, false)).isEqualTo(10 * 60_000L);
        assertThat(RoutingConfig.headStartFor(PriorityClass.NORMAL, true)).isEqualTo(60 * 60_000L);
        assertThat(RoutingConfig.headStartFor(PriorityClass.GREEN, true)).isEqualTo(70 * 60_000L);
        RoutingConfig custom = RoutingConfig.defaults().withHeadStarts(Duration.ofMinutes(5), Duration.ofMinutes(30));
        assertThat(custom.headStartMillis(PriorityClass.GREEN, false)).isEqualTo(5 * 60_000L);
        assertThat(custom.headStartMillis(PriorityClass.NORMAL, true)).isEqualTo(30 * 60_000L);
    }

    @Test
    void rejectsMissingOrNegativeValues() {
        assertThatThrownBy(() -> new RoutingConfig(Duration.ofMinutes(-1), Duration.ZERO, Duration.ZERO,
                StrategyName.LONGEST_IDLE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greenHeadStart");
        assertThatThrownBy(() -> new RoutingConfig(Duration.ZERO, null, Duration.ZERO, StrategyName.LONGEST_IDLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transferHeadStart");
        assertThatThrownBy(() -> RoutingConfig.defaults().withStrategy(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategy");
    }

    @Test
    void everyStrategyNameMakesItsStrategy() {
        assertThat(StrategyName.PROFICIENCY_THEN_LONGEST_IDLE.newStrategy())
                .isInstanceOf(ProficiencyThenLongestIdle.class);
        assertThat(StrategyName.LONGEST_IDLE.newStrategy()).isInstanceOf(LongestIdle.class);
        assertThat(StrategyName.FEWEST_SESSIONS.newStrategy()).isInstanceOf(FewestSessions.class);
        assertThat(StrategyName.ROUND_ROBIN.newStrategy()).isInstanceOf(RoundRobin.class);
        assertThat(StrategyName.ROUND_ROBIN.newStrategy()).isNotSameAs(StrategyName.ROUND_ROBIN.newStrategy());
    }
}
