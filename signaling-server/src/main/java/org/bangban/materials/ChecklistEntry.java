package org.bangban.materials;

import java.util.regex.Pattern;

/**
 * One material a 代办 service item needs, on that item's checklist 材料清单.
 *
 * @param key      a stable key, e.g. {@code id-card} or {@code business-licence}: lower-case letters, digits,
 *                 {@code - _ .}, at most 64 characters; materials name it to say which entry they fulfil
 * @param nameZh   the name shown in Chinese, e.g. 身份证复印件
 * @param nameEn   the name in English, or null
 * @param required whether the case cannot go on without it
 * @param sort     the order on the list (ascending)
 * @throws MaterialException {@code invalid} for a malformed key or a missing Chinese name
 */
public record ChecklistEntry(String key, String nameZh, String nameEn, boolean required, int sort) {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ChecklistEntry {
        requireKey(key);
        if (nameZh == null || nameZh.isBlank()) throw MaterialUpload.invalid("checklist entry '" + key + "' has no Chinese name");
        if (nameEn != null && nameEn.isBlank()) nameEn = null;
    }

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw MaterialUpload.invalid("the checklist key '" + key + "' is not valid: use 1 to 64 lower-case letters,"
                    + " digits, '-', '_' or '.', starting with a letter or digit");
        }
        return key;
    }
}
