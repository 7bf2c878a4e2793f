package org.bangban.cases;

import java.util.Set;

/**
 * How real-name data is shown when it is not needed in full (display, lists, logs). Null stays null.
 * <ul>
 *   <li>身份证号 and other document numbers: the first 3 and last 4 characters, the rest {@code *}
 *   ({@code 110101199003071234} → {@code 110***********1234}); shorter than 11 characters (e.g. some passports):
 *   first and last character only; 3 or fewer: all masked.</li>
 *   <li>phone: an 11-digit mobile keeps the first 3 and last 4 digits ({@code 138****5678}); other numbers keep
 *   the last 4 and mask every other digit, keeping {@code +}, {@code -} and spaces.</li>
 *   <li>name: the surname is kept — its first character, or both of a common two-character compound surname such
 *   as 欧阳 — and every other character is {@code *}: {@code 张*}, {@code 欧阳**}; a one-character name is
 *   {@code *}.</li>
 * </ul>
 */
public final class Masking {
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫",
            "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门",
            "呼延", "澹台", "公冶", "申屠", "太史", "钟离", "闻人", "赫连", "万俟", "濮阳", "单于", "百里", "东郭",
            "第五", "左丘", "拓跋", "完颜");

    private Masking() {
    }

    /** A 身份证号 or other document number, e.g. {@code 110***********1234}. */
    public static String idNumber(String value) {
        if (value == null) return null;
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        if (n >= 11) return keep(cps, 3, 4);
        if (n >= 4) return keep(cps, 1, 1);
        return "*".repeat(n);
    }

    /** A phone number, e.g. {@code 138****5678}. */
    public static String phone(String value) {
        if (value == null) return null;
        if (value.matches("1\\d{10}")) return value.substring(0, 3) + "****" + value.substring(7);
        StringBuilder out = new StringBuilder(value.length());
        long digits = value.chars().filter(Character::isDigit).count();
        long seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isDigit(ch)) {
                seen++;
                out.append(seen > digits - 4 && digits > 4 ? ch : '*');
            } else {
                out.append(ch == '+' || ch == '-' || ch == ' ' ? ch : '*');
            }
        }
        return out.toString();
    }

    /** A person's name, e.g. {@code 张*}, {@code 欧阳**}. */
    public static String name(String value) {
        if (value == null) return null;
        int[] cps = value.strip().codePoints().toArray();
        if (cps.length <= 1) return "*".repeat(cps.length);
        int kept = cps.length > 2 && COMPOUND_SURNAMES.contains(new String(cps, 0, 2)) ? 2 : 1;
        return keep(cps, kept, 0);
    }

    private static String keep(int[] cps, int head, int tail) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i < head || i >= cps.length - tail) out.appendCodePoint(cps[i]);
            else out.append('*');
        }
        return out.toString();
    }
}
