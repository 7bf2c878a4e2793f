package org.bangban.indicators;

/** A rate as its numerator and denominator; {@link #value()} is null when there is nothing to divide. */
public record Rate(long numerator, long denominator) {
    public Rate {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("a rate needs 0 <= numerator <= denominator, was " + numerator + "/"
                    + denominator);
        }
    }

    /** numerator / denominator in [0, 1], or null when the denominator is 0. */
    public Double value() {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
