package org.bangban.bench.media.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangban.bench.media.SummaryLine;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {
    private static final PeerOptions OPTIONS = new PeerOptions(50, 2500, 20, 5, 1, 4, 2000, 2, 16, 3);

    private static SummaryLine line(String peer, long rx, double cpu) {
        return new SummaryLine("media").put("peer", peer).put("rx_pkts", rx).put("relay_cpu_s", cpu)
                .put("loss_pct", 0.0).put("lat_p99_ms", 1.25).put("gen_send_fail", 0).put("gen_frames_skipped", 0);
    }

    @Test
    void ratiosUseDeliveredPacketsPerServerCpuSecondForEverySide() {
        Map<String, SummaryLine> lines = new LinkedHashMap<>();
        lines.put("bangban", line("bangban", 300_000, 2.0));
        lines.put("coturn", line("coturn", 300_000, 3.5));
        lines.put("janus", line("janus", 300_000, 1.8).put("srtp_profile", "AEAD_AES_128_GCM"));
        SummaryLine c = PeerComparison.compare(lines, OPTIONS, "0.42", List.of());
        assertThat(c.toString()).startsWith("BENCH media-compare sessions=50 kbps=2500 duration_s=20 ");
        assertThat(c.get("bangban_pps_per_cpu_s")).isEqualTo("150000");
        assertThat(c.get("bangban_vs_coturn")).isEqualTo("1.75");
        assertThat(c.get("coturn_target_met")).isEqualTo("yes");
        assertThat(c.get("bangban_vs_janus")).isEqualTo("0.9");
        assertThat(c.get("janus_target_met")).isEqualTo("no");
        assertThat(c.get("janus_srtp_profile")).isEqualTo("AEAD_AES_128_GCM");
        assertThat(c.get("load1_start")).isEqualTo("0.42");
        assertThat(c.get("failed")).isNull();
        assertThat(c.get("generator_starved")).isEqualTo("none");
    }

    @Test
    void aMissingSideGivesNoRatioAndIsNamed() {
        Map<String, SummaryLine> lines = new LinkedHashMap<>();
        lines.put("bangban", line("bangban", 1000, 0.5));
        lines.put("coturn", line("coturn", 1000, 0.25).put("gen_frames_skipped", 17));
        SummaryLine c = PeerComparison.compare(lines, OPTIONS, "1.0", List.of("janus"));
        assertThat(c.get("bangban_vs_coturn")).isEqualTo("0.5");
        assertThat(c.get("coturn_target_met")).isEqualTo("no");
        assertThat(c.get("bangban_vs_janus")).isNull();
        assertThat(c.get("failed")).isEqualTo("janus");
        assertThat(c.get("generator_starved")).as("its load was lighter than the others'").isEqualTo("coturn");
    }

    @Test
    void overRoundsTheMediansAreCompared() {
        Map<String, List<Double>> perCpu = new LinkedHashMap<>();
        perCpu.put("bangban", List.of(90_000.0, 120_000.0, 100_000.0));
        perCpu.put("coturn", List.of(50_000.0, 70_000.0));
        perCpu.put("janus", List.of(80_000.0, 200_000.0, 100_000.0));
        SummaryLine c = PeerComparison.median(perCpu, OPTIONS, "3.5", java.util.Set.of("janus"), java.util.Set.of());
        assertThat(c.get("round")).isEqualTo("median");
        assertThat(c.get("bangban_pps_per_cpu_s")).isEqualTo("100000");
        assertThat(c.get("coturn_pps_per_cpu_s")).as("even count: the mean of the middle two").isEqualTo("60000");
        assertThat(c.get("coturn_rounds")).isEqualTo("2");
        assertThat(c.get("bangban_vs_coturn")).isEqualTo("1.667");
        assertThat(c.get("coturn_target_met")).isEqualTo("yes");
        assertThat(c.get("bangban_vs_janus")).isEqualTo("1");
        assertThat(c.get("janus_target_met")).isEqualTo("yes");
        assertThat(c.get("generator_starved")).isEqualTo("janus");
        assertThat(c.get("failed")).isNull();
    }

    @Test
    void peersAreNamedCommaSeparatedAndRunInAFixedOrder() {
        assertThat(PeerComparison.parsePeers("janus, Coturn,janus")).containsExactly("janus", "coturn");
        assertThatThrownBy(() -> PeerComparison.parsePeers("coturn,livekit"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("livekit");
    }
}
