package org.bangban.relay.rtp;

import java.util.Arrays;

/**
 * The last {@code capacity} RTP packets of one stream, kept by sequence number in preallocated
 * slots so the relay can answer NACKs (RFC 4585) with retransmissions.
 *
 * <p>A packet is found when it is among the last {@code capacity} sequence numbers (extended across
 * 16-bit wrap-around) and was stored less than {@code maxAgeNanos} ago. Lookups outside that window
 * count as too old, holes inside it as misses. A packet more than {@code max(capacity, 3000)}
 * sequence numbers behind the newest is taken as a restart of the sender's numbering and empties the
 * buffer.
 *
 * <p>Threading: not thread-safe and lock-free by design. One thread (the stream's event loop) both
 * stores and looks up; a NACK that arrives on another endpoint's thread must be handed over to that
 * thread. Nothing allocates after construction.
 */
public final class RetransmissionBuffer {

    /** Lookup result: the sequence number is inside the window but was never stored. */
    public static final int MISSING = -1;
    /** Lookup result: evicted by newer packets or older than the time bound. */
    public static final int TOO_OLD = -2;
    /** {@link #get} result: the packet does not fit into the caller's buffer. */
    public static final int NO_ROOM = -3;

    /** Receives the packets {@link #resend} finds; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface PacketSink {
        void send(byte[] buf, int off, int len);
    }

    /** A packet more than this far behind the newest restarts the buffer (RFC 3550 MAX_DROPOUT). */
    static final int RESTART_DISTANCE = 3000;

    private final int mask;
    private final int slotSize;
    private final long maxAgeNanos;
    private final int restartDistance;
    private final byte[] data;
    private final int[] lengths;
    private final long[] extSeqs;
    private final long[] storedAt;
    private boolean empty = true;
    private long highest;
    private long hits;
    private long misses;
    private long tooOld;
    private long rejected;

    /**
     * @param capacity    number of slots, a power of two (e.g. 512)
     * @param slotSize    largest packet kept, in bytes (e.g. 1500); larger ones are not stored
     * @param maxAgeNanos packets older than this are not handed out (e.g. 1 s)
     */
    public RetransmissionBuffer(int capacity, int slotSize, long maxAgeNanos) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1 || capacity > 16384) {
            throw new IllegalArgumentException("capacity must be a power of two up to 16384: " + capacity);
        }
        if (slotSize < RtpPacket.FIXED_HEADER_LENGTH || (long) slotSize * capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad slot size " + slotSize);
        }
        if (maxAgeNanos <= 0) {
            throw new IllegalArgumentException("maxAgeNanos must be positive");
        }
        this.mask = capacity - 1;
        this.slotSize = slotSize;
        this.maxAgeNanos = maxAgeNanos;
        this.restartDistance = Math.max(capacity, RESTART_DISTANCE);
        this.data = new byte[capacity * slotSize];
        this.lengths = new int[capacity];
        this.extSeqs = new long[capacity];
        this.storedAt = new long[capacity];
    }

    /**
     * Copies the packet into its slot (replacing what was there). False, and nothing stored, when it
     * is shorter than an RTP header, larger than a slot, or just behind the window (too old to keep).
     */
    public boolean add(byte[] buf, int off, int len, long nowNanos) {
        if (!Bytes.inBounds(buf, off, len) || len < RtpPacket.FIXED_HEADER_LENGTH || len > slotSize) {
            rejected++;
            return false;
        }
        int seq = RtpPacket.sequenceNumber(buf, off);
        long ext = empty ? seq : SequenceNumbers.extend(seq, highest);
        if (!empty && highest - ext > mask) {
            if (highest - ext <= restartDistance) {
                rejected++;
                return false;
            }
            // far behind the window: the sender restarted its sequence numbers; start over
            Arrays.fill(lengths, 0);
            highest = ext;
        }
        if (empty || ext > highest) {
            highest = ext;
            empty = false;
        }
        int slot = (int) (ext & mask);
        System.arraycopy(buf, off, data, slot * slotSize, len);
        lengths[slot] = len;
        extSeqs[slot] = ext;
        storedAt[slot] = nowNanos;
        return true;
    }

    /**
     * Finds {@code seq}: the slot index (>= 0, for {@link #slotData}/{@link #slotOffset}/
     * {@link #slotLength}), or {@link #MISSING} / {@link #TOO_OLD}. Counts a hit, miss or too-old.
     */
    public int lookup(int seq, long nowNanos) {
        if (empty) {
            misses++;
            return MISSING;
        }
        long ext = SequenceNumbers.extend(seq & 0xFFFF, highest);
        if (ext > highest) {
            misses++;
            return MISSING;
        }
        if (highest - ext > mask) {
            tooOld++;
            return TOO_OLD;
        }
        int slot = (int) (ext & mask);
        if (extSeqs[slot] != ext || lengths[slot] == 0) {
            misses++;
            return MISSING;
        }
        if (nowNanos - storedAt[slot] > maxAgeNanos) {
            tooOld++;
            return TOO_OLD;
        }
        hits++;
        return slot;
    }

    /** The array backing all slots (a view: do not modify, valid until the next {@link #add}). */
    public byte[] slotData() {
        return data;
    }

    public int slotOffset(int slot) {
        return slot * slotSize;
    }

    public int slotLength(int slot) {
        return lengths[slot];
    }

    /**
     * Copies packet {@code seq} to {@code dst[dstOff]}: its length, or {@link #MISSING},
     * {@link #TOO_OLD} or {@link #NO_ROOM}.
     */
    public int get(int seq, long nowNanos, byte[] dst, int dstOff) {
        int slot = lookup(seq, nowNanos);
        if (slot < 0) {
            return slot;
        }
        int len = lengths[slot];
        if (!Bytes.inBounds(dst, dstOff, len)) {
            return NO_ROOM;
        }
        System.arraycopy(data, slot * slotSize, dst, dstOff, len);
        return len;
    }

    /**
     * Answers a NACK: hands each stored packet among {@code seqs[0..count)} to {@code sink} (a view
     * of the slot, in the order given) and returns how many were found.
     */
    public int resend(int[] seqs, int count, long nowNanos, PacketSink sink) {
        int found = 0;
        for (int i = 0; i < count; i++) {
            int slot = lookup(seqs[i], nowNanos);
            if (slot >= 0) {
                sink.send(data, slot * slotSize, lengths[slot]);
                found++;
            }
        }
        return found;
    }

    public int capacity() {
        return mask + 1;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long tooOld() {
        return tooOld;
    }

    /** Packets {@link #add} refused (malformed, larger than a slot, or older than the window). */
    public long rejected() {
        return rejected;
    }
}
