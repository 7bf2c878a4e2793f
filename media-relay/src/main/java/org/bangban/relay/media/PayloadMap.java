package org.bangban.relay.media;

import java.util.Arrays;

/**
 * The payload types one side of one m-line uses: codec ↔ payload type, and each codec's RTX
 * payload type (RFC 4588) when negotiated. Immutable; lookups are array reads.
 */
public final class PayloadMap {

    public static final int NONE = -1;

    private final int[] ptOf = new int[Codec.values().length];
    private final int[] rtxPtOf = new int[Codec.values().length];
    private final Codec[] codecOfPt = new Codec[128];
    private final boolean[] isRtxPt = new boolean[128];

    private PayloadMap() {
        Arrays.fill(ptOf, NONE);
        Arrays.fill(rtxPtOf, NONE);
    }

    /** Builder-style: a new map with one more codec. */
    public PayloadMap with(Codec codec, int pt, int rtxPt) {
        PayloadMap m = copy();
        m.ptOf[codec.ordinal()] = pt;
        m.codecOfPt[pt] = codec;
        if (rtxPt != NONE) {
            m.rtxPtOf[codec.ordinal()] = rtxPt;
            m.isRtxPt[rtxPt] = true;
        }
        return m;
    }

    public static PayloadMap empty() {
        return new PayloadMap();
    }

    private PayloadMap copy() {
        PayloadMap m = new PayloadMap();
        System.arraycopy(ptOf, 0, m.ptOf, 0, ptOf.length);
        System.arraycopy(rtxPtOf, 0, m.rtxPtOf, 0, rtxPtOf.length);
        System.arraycopy(codecOfPt, 0, m.codecOfPt, 0, 128);
        System.arraycopy(isRtxPt, 0, m.isRtxPt, 0, 128);
        return m;
    }

    /** The payload type for a codec, or {@link #NONE}. */
    public int pt(Codec codec) {
        return ptOf[codec.ordinal()];
    }

    public int rtxPt(Codec codec) {
        return rtxPtOf[codec.ordinal()];
    }

    /** The codec a payload type carries, or null (RTX payload types give null). */
    public Codec codec(int pt) {
        return pt >= 0 && pt < 128 ? codecOfPt[pt] : null;
    }

    public boolean isRtx(int pt) {
        return pt >= 0 && pt < 128 && isRtxPt[pt];
    }

    /** The codec whose RTX payload type this is, or null. */
    public Codec codecOfRtx(int rtxPt) {
        for (Codec c : Codec.values()) {
            if (rtxPtOf[c.ordinal()] == rtxPt) {
                return c;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        for (int pt : ptOf) {
            if (pt != NONE) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PayloadMap[");
        for (Codec c : Codec.values()) {
            if (ptOf[c.ordinal()] != NONE) {
                sb.append(c).append('=').append(ptOf[c.ordinal()]);
                if (rtxPtOf[c.ordinal()] != NONE) {
                    sb.append("/rtx ").append(rtxPtOf[c.ordinal()]);
                }
                sb.append(' ');
            }
        }
        return sb.append(']').toString();
    }
}
