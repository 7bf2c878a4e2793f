package org.bangban.evaluation;

/**
 * The five levels of the national 好差评 scheme (GB/T 39735-2020), best first. The two lowest are a bad rating
 * 差评, which opens a {@link FollowUp}; 满意 and above count as satisfied in the satisfaction rate.
 */
public enum RatingLevel {
    /** 非常满意 very satisfied. */
    VERY_SATISFIED("非常满意", 5),
    /** 满意 satisfied. */
    SATISFIED("满意", 4),
    /** 基本满意 basically satisfied: neither satisfied (for the rate) nor bad. */
    BASICALLY_SATISFIED("基本满意", 3),
    /** 不满意 dissatisfied: a bad rating. */
    DISSATISFIED("不满意", 2),
    /** 非常不满意 very dissatisfied: a bad rating. */
    VERY_DISSATISFIED("非常不满意", 1);

    private final String labelZh;
    private final int score;

    RatingLevel(String labelZh, int score) {
        this.labelZh = labelZh;
        this.score = score;
    }

    /** The level's name in the zh-CN interface, e.g. 非常满意. */
    public String labelZh() {
        return labelZh;
    }

    /** 5 (非常满意) down to 1 (非常不满意); stored next to the level for averages. */
    public int score() {
        return score;
    }

    /** A bad rating 差评: 不满意 or 非常不满意. It opens a follow-up. */
    public boolean isBad() {
        return score <= 2;
    }

    /** 满意 or 非常满意: the numerator of the satisfaction rate (满意 and above / all). */
    public boolean isSatisfied() {
        return score >= 4;
    }

    /**
     * The level of a score from 1 to 5.
     *
     * @throws EvaluationException {@code invalid_input} for any other number
     */
    public static RatingLevel ofScore(int score) {
        for (RatingLevel l : values()) if (l.score == score) return l;
        throw EvaluationException.invalidInput("a rating is a score from 1 (非常不满意) to 5 (非常满意), was " + score);
    }

    /**
     * The level of its name, e.g. {@code "SATISFIED"} (as sent by a client).
     *
     * @throws EvaluationException {@code invalid_input} for an unknown name
     */
    public static RatingLevel ofName(String name) {
        if (name != null) {
            for (RatingLevel l : values()) if (l.name().equals(name.trim())) return l;
        }
        throw EvaluationException.invalidInput("'" + name + "' is not a rating level; use one of VERY_SATISFIED,"
                + " SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, VERY_DISSATISFIED");
    }
}
