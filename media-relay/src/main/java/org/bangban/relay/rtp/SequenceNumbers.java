package org.bangban.relay.rtp;

/** Arithmetic on 16-bit RTP sequence numbers that wrap from 65535 to 0. */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /** Signed distance {@code a - b} in the range -32768..32767 (positive: {@code a} is newer). */
    public static int delta(int a, int b) {
        return (short) (a - b);
    }

    /** True when {@code a} comes after {@code b} in wrap-around order. */
    public static boolean isNewer(int a, int b) {
        return delta(a, b) > 0;
    }

    /** {@code seq + n} modulo 2^16. */
    public static int add(int seq, int n) {
        return (seq + n) & 0xFFFF;
    }

    /**
     * Extends {@code seq} to the 64-bit value nearest to {@code reference} with the same low 16 bits,
     * so consecutive packets across a wrap get consecutive extended numbers.
     */
    public static long extend(int seq, long reference) {
        return reference + delta(seq, (int) reference);
    }
}
