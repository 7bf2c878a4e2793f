package org.bangban.cases;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case number 办件编号 {@code BB-yyyyMMdd-nnnnnn}: the day the case was opened in the service's time zone
 * ({@code service.zone}, Asia/Shanghai by default) and that day's counter, 000001 to 999999, e.g.
 * {@code BB-20261126-000123}. Numbers sort by day and, within a day, by opening order.
 */
public record CaseNumber(LocalDate day, int counter) implements Comparable<CaseNumber> {
    public static final String PREFIX = "BB";
    public static final int MAX_PER_DAY = 999_999;
    private static final Pattern FORMAT = Pattern.compile("BB-(\\d{8})-(\\d{6})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public CaseNumber {
        if (day == null) throw new CaseException(CaseException.Code.INVALID, "a case number needs a day");
        if (day.getYear() < 1000 || day.getYear() > 9999) {
            throw new CaseException(CaseException.Code.INVALID, "a case number's day must have a four-digit year,"
                    + " was " + day);
        }
        if (counter < 1 || counter > MAX_PER_DAY) {
            throw new CaseException(CaseException.Code.INVALID, "a case number's counter runs from 1 to "
                    + MAX_PER_DAY + ", was " + counter);
        }
    }

    /**
     * Reads a case number.
     *
     * @throws CaseException {@code invalid} when the text is not {@code BB-yyyyMMdd-nnnnnn} with a real date and a
     *                       counter from 000001
     */
    public static CaseNumber parse(String text) {
        if (text == null) throw invalid("(none)");
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) throw invalid(text);
        LocalDate day;
        try {
            day = LocalDate.parse(m.group(1), DAY);
        } catch (DateTimeException e) {
            throw invalid(text);
        }
        int counter = Integer.parseInt(m.group(2));
        if (counter == 0) throw invalid(text);
        return new CaseNumber(day, counter);
    }

    /** Whether the text is a well-formed case number. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (CaseException e) {
            return false;
        }
    }

    /** The day as stored in {@code case_counter.day}: {@code yyyyMMdd}. */
    public static String dayKey(LocalDate day) {
        return day.format(DAY);
    }

    /** The number as text, e.g. {@code BB-20261126-000123}. */
    public String value() {
        return PREFIX + "-" + dayKey(day) + "-" + String.format("%06d", counter);
    }

    @Override
    public String toString() {
        return value();
    }

    @Override
    public int compareTo(CaseNumber o) {
        int byDay = day.compareTo(o.day);
        return byDay != 0 ? byDay : Integer.compare(counter, o.counter);
    }

    private static CaseException invalid(String text) {
        return new CaseException(CaseException.Code.INVALID, "'" + text + "' is not a case number; a case number"
                + " looks like BB-20261126-000123 (BB, the day yyyyMMdd, a six-digit counter from 000001)");
    }
}
