package org.bangban.pairing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.identity.Randoms;

/**
 * Makes request and session ids. Request ids sort in arrival order (time first, then a per-node counter and
 * a random node tag), so a Redis sorted set breaks ties in service order the same way the in-memory queue does.
 * Thread-safe without a lock: many applicants' threads make ids at once.
 */
public final class Ids {
    private static final HexFormat HEX = HexFormat.of();
    private final String nodeTag;
    /** The last request id's time and counter: {@code millis << 16 | counter}. */
    private final AtomicLong last = new AtomicLong();
    private final SecureRandom random = Randoms.ownGenerator();

    public Ids() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        this.nodeTag = HEX.formatHex(b);
    }

    /**
     * A new request id. Ids are unique and increase in the order they are made, even when a thread passes a clock
     * reading older than one another thread has used already (it read the clock first but got here second): that
     * id takes the later millisecond and the next counter. Without this, the two could share an id, and one
     * applicant's request would replace another's in the live state.
     */
    public String request(long now) {
        long stamp = last.updateAndGet(prev -> now > prev >>> 16 ? now << 16 : prev + 1); // a full counter carries
        StringBuilder id = new StringBuilder(23).append('r');
        hex(id, stamp >>> 16, 12);
        hex(id, stamp & 0xffff, 4);
        return id.append(nodeTag).toString();
    }

    public String session(long now) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        StringBuilder id = new StringBuilder(25).append('s');
        hex(id, now, 12);
        return id.append(HEX.formatHex(b)).toString();
    }

    /** {@code value} in lower-case hex, zero-padded to {@code digits} (more digits when it needs them). */
    private static void hex(StringBuilder out, long value, int digits) {
        String h = Long.toHexString(value);
        for (int i = h.length(); i < digits; i++) out.append('0');
        out.append(h);
    }
}
