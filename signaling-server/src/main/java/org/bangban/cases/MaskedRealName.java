package org.bangban.cases;

/**
 * An applicant's real-name data as displayed: {@code 张*}, {@code 110***********1234}, {@code 138****5678}
 * (see {@link Masking}); null where nothing was given.
 */
public record MaskedRealName(String name, String idNumber, String phone) {
    public static final MaskedRealName NONE = new MaskedRealName(null, null, null);
}
