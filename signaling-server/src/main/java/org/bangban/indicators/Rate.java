package org.bangban.indicators;

/** A rate as its numerator and denominator; {@link #value()} is null when there is nothing to divide. */
public record Rate(long numerator, long denominator) {
    public Rate {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("a rate needs 0 <= numerator <= denominator, was " + numerator + "/"
                    + denominator);
        }
    }

    /**
     * Service level 服务水平 = requests answered (PAIRED) within the threshold / (answered + abandoned): the
     * contact-centre formula that counts every abandoned request against it. The indicators and the wallboard use it.
     */
    public static Rate serviceLevel(long answeredInLevel, long answered, long abandoned) {
        return new Rate(answeredInLevel, answered + abandoned);
    }

    /** Abandonment rate 放弃率 = requests ABANDONED / requests ended (any outcome). */
    public static Rate abandonment(long abandoned, long ended) {
        return new Rate(abandoned, ended);
    }

    /** numerator / denominator in [0, 1], or null when the denominator is 0. */
    public Double value() {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
