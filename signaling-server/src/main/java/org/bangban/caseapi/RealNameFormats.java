package org.bangban.caseapi;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks of real-name data staff enter (pure): the 18-character resident identity card number 公民身份号码
 * (GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, and a check character from the ISO 7064
 * MOD 11-2 checksum, {@code X} standing for 10) and a phone number (a mainland mobile number, 11 digits from
 * {@code 13…19}, or a landline with its area code, e.g. {@code 010-62345678}, {@code 0755-1234567}).
 */
public final class RealNameFormats {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final Pattern ID_SHAPE = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?[2-9]\\d{6,7}(-\\d{1,6})?");

    private RealNameFormats() {
    }

    /** An ID number as kept (spaces removed, {@code x} upper-cased). */
    public static String normaliseIdNumber(String value) {
        return value.replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    /**
     * What is wrong with a 18-character 身份证号, or null when it is well formed.
     *
     * @param today the date a birth date may not be after
     */
    public static String idNumberProblem(String value, LocalDate today) {
        String v = normaliseIdNumber(value);
        if (!ID_SHAPE.matcher(v).matches()) {
            return "a 身份证号 has 18 characters: 17 digits (the first not 0) and a check digit or X; got "
                    + v.length() + " characters";
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(today)) {
                return "the birth date in the 身份证号 (" + birth + ") is not possible";
            }
        } catch (DateTimeException e) {
            return "the birth date in the 身份证号 (characters 7 to 14) is not a real date";
        }
        if (checkCharacter(v.substring(0, 17)) != v.charAt(17)) {
            return "the 身份证号's check character does not match its other digits: it was mistyped";
        }
        return null;
    }

    /** The check character of the first 17 digits. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return CHECK[sum % 11];
    }

    /** What is wrong with a phone number, or null when it is a mainland mobile or a landline with area code. */
    public static String phoneProblem(String value) {
        String v = value.strip().replace(" ", "");
        if (MOBILE.matcher(v).matches() || LANDLINE.matcher(v).matches()) return null;
        return "a phone number is a mobile number (11 digits starting 13 to 19, e.g. 13812345678) or a landline with"
                + " its area code (e.g. 010-62345678)";
    }
}
