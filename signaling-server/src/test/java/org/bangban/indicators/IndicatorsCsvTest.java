package org.bangban.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.bangban.cases.CaseResult;
import org.bangban.store.Outcome;
import org.junit.jupiter.api.Test;

class IndicatorsCsvTest {
    static IndicatorReport report() {
        Tally a = new Tally();
        a.session(0, 15_000, 240_000L, 0L);
        a.session(0, 30_000, 480_000L, 0L);
        a.request(Outcome.PAIRED, 15_000, 60_000);
        a.request(Outcome.ABANDONED, 7_500, 60_000);
        a.caseOpened(CaseResult.RESOLVED);
        a.caseOpened(CaseResult.NOT_RESOLVED);
        a.caseOpened(CaseResult.PARTLY_RESOLVED);
        IndicatorRow row = IndicatorRow.of("item-a", "社保, \"参保\"登记", a);
        return new IndicatorReport(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25), Dimension.ITEM,
                "Asia/Shanghai", 60_000, IndicatorRow.of("", "", a), List.of(row));
    }

    @Test
    void bomCrlfBilingualHeaderAndRfc4180Quoting() {
        String csv = IndicatorsCsv.write(report());
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String[] lines = csv.substring(1).split("\r\n", -1);
        assertThat(lines).hasSize(4); // header, total, one row, and nothing after the last CRLF
        assertThat(lines[3]).isEmpty();
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(lines[0]).startsWith("分组 Group,名称 Name,会话数 Sessions,平均响应时间(秒) Response time mean (s),"
                + "响应时间中位数(秒) Response time p50 (s),响应时间P90(秒) Response time p90 (s),");
        assertThat(lines[0]).contains(",\"服务水平(60秒内接通,%) Service level (answered within 60 s, %)\",");
        assertThat(lines[0]).endsWith(",整改按时率(%) On-time rectification rate (%)");
        // total: 2 sessions, mean 22.5 s, p50 15 s, p90/p99 30 s; answered 15 s; abandoned 7.5 s; handling 240/480;
        // 2 requests, 3 cases; resolved 1/3 = 33.33 %, partly 33.33 %, no ratings (empty), abandoned 1/2 = 50 %,
        // service level 1/(1+1) = 50 %, no follow-ups (empty)
        String figures = "2,22.5,15.0,30.0,30.0,15.0,15.0,15.0,7.5,7.5,7.5,240.0,480.0,480.0,2,3,33.33,33.33,,50.00,50.00,,";
        assertThat(lines[1]).isEqualTo(",合计 Total," + figures);
        assertThat(lines[2]).isEqualTo("item-a,\"社保, \"\"参保\"\"登记\"," + figures);
    }

    @Test
    void fileNameAndFieldQuoting() {
        assertThat(IndicatorsCsv.fileName(report())).isEqualTo("indicators-2026-11-24-2026-11-25.csv");
        assertThat(IndicatorsCsv.field("plain")).isEqualTo("plain");
        assertThat(IndicatorsCsv.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(IndicatorsCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(IndicatorsCsv.seconds(7_550L)).isEqualTo("7.6");
        assertThat(IndicatorsCsv.percent(new Rate(2, 3))).isEqualTo("66.67");
        assertThat(IndicatorsCsv.percent(new Rate(0, 0))).isEmpty();
    }
}
