package org.bangban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationSettingsTest {
    @Test
    void theDefaultsAreSevenDaysOneAndFifteenWorkingDays() {
        assertThat(EvaluationSettings.DEFAULTS).isEqualTo(new EvaluationSettings(Duration.ofDays(7), 1, 15));
    }

    @Test
    void nonsenseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new EvaluationSettings(Duration.ZERO, 1, 15)).hasMessageContaining("evaluation.window");
        assertThatThrownBy(() -> new EvaluationSettings(null, 1, 15)).hasMessageContaining("evaluation.window");
        assertThatThrownBy(() -> new EvaluationSettings(Duration.ofDays(7), -1, 15))
                .hasMessageContaining("followup.contact.workingdays");
        assertThatThrownBy(() -> new EvaluationSettings(Duration.ofDays(7), 3, 2))
                .hasMessageContaining("followup.rectify.workingdays");
        assertThat(new EvaluationSettings(Duration.ofHours(1), 0, 0).contactWorkingDays()).isZero();
    }

    @Test
    void theConfigurationGivesTheDefaultsAndOverridesNamingTheKeyWhenWrong() {
        assertThat(EvaluationSettings.from(org.bangban.config.Config.of(java.util.Map.of())))
                .isEqualTo(EvaluationSettings.DEFAULTS);
        assertThat(EvaluationSettings.from(org.bangban.config.Config.of(java.util.Map.of(
                "evaluation.window", "P3D", "followup.rectify.workingdays", "5"))))
                .isEqualTo(new EvaluationSettings(Duration.ofDays(3), 1, 5));
        assertThatThrownBy(() -> EvaluationSettings.from(org.bangban.config.Config.of(java.util.Map.of(
                "followup.contact.workingdays", "9", "followup.rectify.workingdays", "5"))))
                .hasMessageContaining("followup.rectify.workingdays");
    }
}
