package org.bangban.bench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces the report is made of: the summary line, /proc parsing, jcmd parsing, the find-max criterion. */
class ReportPartsTest {

    @Test
    void theSummaryLineKeepsOrderAndFormatsNumbers() {
        SummaryLine line = new SummaryLine("media").put("peer", "bangban").put("sessions", 150)
                .put("loss_pct", 0.0123456).put("mbps", 750.0).put("lat", Double.NaN);
        assertThat(line.toString()).isEqualTo("BENCH media peer=bangban sessions=150 loss_pct=0.012 mbps=750 lat=NaN");
        assertThat(line.get("sessions")).isEqualTo("150");
        assertThatThrownBy(() -> line.put("x", "two words")).hasMessageContaining("one word");
    }

    @Test
    void cpuTicksAreUtimePlusStimeEvenWithSpacesInTheCommandName() {
        String stat = "4242 (java main (x)) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(ProcCpu.parseTicks(stat)).isEqualTo(1234 + 567);
        assertThat(ProcCpu.self()).isPositive();
        assertThat(ProcCpu.clockTicks()).isPositive();
    }

    @Test
    void theHeapUsedIsReadFromG1OrFromTheGenerations() {
        String g1 = "12345:\n garbage-first heap   total 262144K, used 23456K [0x00000000f0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n";
        assertThat(JvmHeap.parseUsedBytes(g1)).isEqualTo(23456L * 1024);
        String serial = "1:\n def new generation   total 9792K, used 1000K [0x1, 0x2, 0x3)\n"
                + "  eden space 8704K,  11% used\n tenured generation   total 21888K, used 2000K [0x4, 0x5, 0x6)\n";
        assertThat(JvmHeap.parseUsedBytes(serial)).isEqualTo(3000L * 1024);
        assertThatThrownBy(() -> JvmHeap.parseUsedBytes("nothing")).hasMessageContaining("no heap size");
    }

    @Test
    void udpReceiveBufferErrorsComeFromTheUdpLinesOfSnmp() {
        List<String> snmp = List.of("Tcp: RtoAlgorithm", "Tcp: 1",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "Udp: 100 2 7 90 7 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "UdpLite: 0 0 0 0 0 0");
        assertThat(UdpErrors.parse(snmp)).isEqualTo(7);
        assertThat(UdpErrors.parse(List.of("Ip: 1"))).isEqualTo(-1);
    }

    @Test
    void findMaxStopsOnLossOrASaturatedMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        SummaryLine fine = new SummaryLine("media").put("failed_sessions", 0).put("duration_s", 20).put("loss_pct", 0.05)
                .put("relay_cpu_s", 5.0).put("gen_cpu_s", 5.0);
        assertThat(MediaBench.tooMuch(fine)).isNull();
        SummaryLine lossy = new SummaryLine("media").put("failed_sessions", 0).put("duration_s", 20).put("loss_pct", 0.2)
                .put("relay_cpu_s", 1.0).put("gen_cpu_s", 1.0);
        assertThat(MediaBench.tooMuch(lossy)).startsWith("loss 0.2 %");
        SummaryLine busy = new SummaryLine("media").put("failed_sessions", 0).put("duration_s", 20).put("loss_pct", 0)
                .put("relay_cpu_s", 20.0 * cores * 0.6).put("gen_cpu_s", 20.0 * cores * 0.4);
        assertThat(MediaBench.tooMuch(busy)).startsWith("CPU saturated");
        SummaryLine failing = new SummaryLine("media").put("failed_sessions", 2).put("duration_s", 20)
                .put("loss_pct", 0).put("relay_cpu_s", 1.0).put("gen_cpu_s", 1.0);
        assertThat(MediaBench.tooMuch(failing)).isEqualTo("2 sessions could not be set up");
    }
}
