package org.bangban.relay.srtp;

/**
 * A bounded SSRC-to-context map with primitive int keys, so lookups neither box nor allocate.
 * A linear scan: an endpoint has a handful of SSRCs (bounded by the capacity, 64 by default),
 * which is cheaper to scan than to hash. Not thread-safe.
 */
final class SsrcTable<T> {

    private final int[] ssrcs;
    private final Object[] values;
    private int size;

    SsrcTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        ssrcs = new int[capacity];
        values = new Object[capacity];
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return (T) values[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == ssrcs.length;
    }

    int size() {
        return size;
    }

    /** Adds a context for an SSRC that {@link #get} did not find; the caller checked {@link #isFull}. */
    void add(int ssrc, T value) {
        if (isFull()) {
            throw new IllegalStateException("SSRC table full");
        }
        ssrcs[size] = ssrc;
        values[size] = value;
        size++;
    }

    void clear() {
        java.util.Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
