package org.bangban.evaluation;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.bangban.store.RecordStoreException;

/**
 * The tags an applicant may add to a rating, from a defined set so that they can be counted. Each has a stable
 * machine code (what clients send and the store keeps) and its zh-CN label. Any tag may go with any level: an
 * applicant may be satisfied overall and still find the wait too long.
 */
public enum RatingTag {
    /** 态度好 */
    GOOD_ATTITUDE("good_attitude", "态度好", true),
    /** 效率高 */
    EFFICIENT("efficient", "效率高", true),
    /** 讲解清楚 */
    CLEAR_EXPLANATION("clear_explanation", "讲解清楚", true),
    /** 业务熟练 */
    PROFICIENT("proficient", "业务熟练", true),
    /** 问题已解决 */
    PROBLEM_SOLVED("problem_solved", "问题已解决", true),
    /** 等待太久 */
    LONG_WAIT("long_wait", "等待太久", false),
    /** 问题未解决 */
    PROBLEM_NOT_SOLVED("problem_not_solved", "问题未解决", false),
    /** 沟通不畅 */
    POOR_COMMUNICATION("poor_communication", "沟通不畅", false),
    /** 态度差 */
    POOR_ATTITUDE("poor_attitude", "态度差", false),
    /** 音视频或共享屏幕故障 */
    TECHNICAL_PROBLEM("technical_problem", "音视频故障", false);

    private final String code;
    private final String labelZh;
    private final boolean praise;

    RatingTag(String code, String labelZh, boolean praise) {
        this.code = code;
        this.labelZh = labelZh;
        this.praise = praise;
    }

    /** The stable machine code, e.g. {@code long_wait}. */
    public String code() {
        return code;
    }

    public String labelZh() {
        return labelZh;
    }

    /** True for praise (态度好 …), false for a complaint (等待太久 …). */
    public boolean praise() {
        return praise;
    }

    /**
     * The tag of a code; case and surrounding spaces are ignored.
     *
     * @throws EvaluationException {@code unknown_tag} when no tag has this code
     */
    public static RatingTag ofCode(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (RatingTag t : values()) if (t.code.equals(c)) return t;
        StringJoiner known = new StringJoiner(", ");
        for (RatingTag t : values()) known.add(t.code);
        throw new EvaluationException(EvaluationException.UNKNOWN_TAG, "'" + code + "' is not a rating tag; use"
                + " one of " + known);
    }

    /** The tags of some codes (duplicates collapse); null or empty gives none. */
    public static Set<RatingTag> ofCodes(Collection<String> codes) {
        Set<RatingTag> tags = EnumSet.noneOf(RatingTag.class);
        if (codes != null) for (String c : codes) tags.add(ofCode(c));
        return tags;
    }

    /** The stored form: codes in declaration order, comma-separated; "" for none. */
    static String store(Set<RatingTag> tags) {
        StringJoiner j = new StringJoiner(",");
        for (RatingTag t : values()) if (tags != null && tags.contains(t)) j.add(t.code);
        return j.toString();
    }

    /** The tags of a stored form. */
    static Set<RatingTag> fromStored(String stored) {
        Set<RatingTag> tags = EnumSet.noneOf(RatingTag.class);
        if (stored == null || stored.isEmpty()) return tags;
        for (String c : stored.split(",")) {
            try {
                tags.add(ofCode(c));
            } catch (EvaluationException e) {
                throw new RecordStoreException("a stored rating holds the tag '" + c + "', which this server version"
                        + " does not know; was the database written by a newer version or edited by hand?", e);
            }
        }
        return tags;
    }
}
