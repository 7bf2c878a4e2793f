package org.bangban.queue;

import java.util.Arrays;

/**
 * The helpers of one skill, group or department (for one language) during a planning pass, as primitive sort
 * keys made by {@link OfferPool}, sorted once on first use. Entries die (their helper runs out of room, or the
 * load they were made for has passed) and never come back, so skip pointers — a union–find "next entry not dead"
 * with path compression — keep every search amortised near constant time. Package-private scratch of one pass.
 */
final class SortedBucket {

    /** Tells whether an entry is dead: once dead, an entry must stay dead for the rest of the pass. */
    interface Liveness {
        boolean dead(long key);
    }

    private long[] keys = new long[8];
    private int size;
    private int[] next;

    void add(long key) {
        if (next != null) throw new IllegalStateException("bucket already sorted");
        if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
        keys[size++] = key;
    }

    /** Sorts the keys on first use. */
    void prepare() {
        if (next != null) return;
        Arrays.sort(keys, 0, size);
        next = new int[size];
        for (int i = 0; i < size; i++) next[i] = i;
    }

    int size() {
        return size;
    }

    long key(int i) {
        return keys[i];
    }

    /** The index of the first entry not dead at or after {@code from}, or {@link #size()} when none. */
    int firstNotDead(int from, Liveness liveness) {
        int r = from;
        while (r < size) {
            if (next[r] != r) {
                r = next[r];
            } else if (liveness.dead(keys[r])) {
                next[r] = r + 1;
                r++;
            } else {
                break;
            }
        }
        for (int i = from; i < r; ) { // path compression: every index passed now points at r
            int n = next[i];
            next[i] = r;
            i = n;
        }
        return r;
    }

    /** The index of the first key not below {@code key}. */
    int firstAtLeast(long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
