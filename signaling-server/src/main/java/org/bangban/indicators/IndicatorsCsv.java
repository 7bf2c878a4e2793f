package org.bangban.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A report as CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so Excel reads the Chinese, CRLF line
 * ends, a header row in Chinese and English (e.g. {@code 响应时间中位数(秒) Response time p50 (s)}), the total first
 * and then one row per group. A field with a comma, a quote or a line break is quoted, quotes doubled. Times are in
 * seconds with one decimal, rates in percent with two; an indicator with nothing to compute from is empty. Pure.
 */
public final class IndicatorsCsv {
    /** The byte-order mark that starts the text. */
    public static final String BOM = "\uFEFF";
    static final String CRLF = "\r\n";

    private IndicatorsCsv() {
    }

    private record Column(String header, Function<IndicatorRow, String> value) { }

    /** The CSV text, starting with {@link #BOM}. */
    public static String write(IndicatorReport report) {
        List<Column> columns = columns(report.serviceLevelMs());
        StringBuilder sb = new StringBuilder(BOM);
        line(sb, columns.stream().map(Column::header).toList());
        List<IndicatorRow> rows = new ArrayList<>();
        rows.add(report.total().withLabel("合计 Total"));
        rows.addAll(report.rows());
        for (IndicatorRow r : rows) line(sb, columns.stream().map(c -> c.value().apply(r)).toList());
        return sb.toString();
    }

    /** The file name of a report: {@code indicators-<from>-<to>.csv}. */
    public static String fileName(IndicatorReport report) {
        return "indicators-" + report.from() + "-" + report.to() + ".csv";
    }

    private static List<Column> columns(long serviceLevelMs) {
        String sl = seconds(serviceLevelMs);
        sl = sl.endsWith(".0") ? sl.substring(0, sl.length() - 2) : sl;
        List<Column> c = new ArrayList<>();
        c.add(new Column("分组 Group", IndicatorRow::key));
        c.add(new Column("名称 Name", r -> r.key().isEmpty() && r.label().isEmpty() ? "无 None" : r.label()));
        c.add(new Column("会话数 Sessions", r -> Long.toString(r.sessions())));
        c.add(new Column("平均响应时间(秒) Response time mean (s)", r -> mean(r.responseTime())));
        distribution(c, "响应时间", "Response time", IndicatorRow::responseTime);
        distribution(c, "接通等待时间", "Wait answered", IndicatorRow::waitPaired);
        distribution(c, "放弃等待时间", "Wait abandoned", IndicatorRow::waitAbandoned);
        distribution(c, "办理时长", "Handling time", IndicatorRow::handlingTime);
        c.add(new Column("结束请求数 Requests ended", r -> Long.toString(r.requestsEnded())));
        c.add(new Column("办件数 Cases", r -> Long.toString(r.cases())));
        c.add(new Column("问题解决率(%) Resolution rate (%)", r -> percent(r.resolution())));
        c.add(new Column("部分解决率(%) Partly resolved rate (%)", r -> percent(r.partlyResolved())));
        c.add(new Column("满意率(%) Satisfaction rate (%)", r -> percent(r.satisfaction())));
        c.add(new Column("放弃率(%) Abandonment rate (%)", r -> percent(r.abandonment())));
        c.add(new Column("服务水平(" + sl + "秒内接通,%) Service level (answered within " + sl + " s, %)",
                r -> percent(r.serviceLevel())));
        c.add(new Column("差评回访率(%) Bad-rating follow-up rate (%)", r -> percent(r.followUp())));
        c.add(new Column("整改按时率(%) On-time rectification rate (%)", r -> percent(r.onTimeRectification())));
        return c;
    }

    private static void distribution(List<Column> c, String zh, String en, Function<IndicatorRow, Distribution> d) {
        c.add(new Column(zh + "中位数(秒) " + en + " p50 (s)", r -> seconds(d.apply(r).p50Ms())));
        c.add(new Column(zh + "P90(秒) " + en + " p90 (s)", r -> seconds(d.apply(r).p90Ms())));
        c.add(new Column(zh + "P99(秒) " + en + " p99 (s)", r -> seconds(d.apply(r).p99Ms())));
    }

    private static String mean(Distribution d) {
        return d.meanMs() == null ? "" : BigDecimal.valueOf(d.meanMs()).movePointLeft(3)
                .setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String seconds(Long ms) {
        return ms == null ? "" : BigDecimal.valueOf(ms).movePointLeft(3).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String percent(Rate r) {
        if (r.denominator() == 0) return "";
        return BigDecimal.valueOf(r.numerator()).movePointRight(2)
                .divide(BigDecimal.valueOf(r.denominator()), 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(field(fields.get(i)));
        }
        sb.append(CRLF);
    }

    /** A field as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
