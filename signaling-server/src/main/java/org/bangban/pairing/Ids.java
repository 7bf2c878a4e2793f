package org.bangban.pairing;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes request and session ids. Request ids sort in arrival order (time first, then a per-node counter and
 * a random node tag), so a Redis sorted set breaks ties in service order the same way the in-memory queue does.
 */
public final class Ids {
    private final String nodeTag;
    private long lastMillis;
    private int counter;
    private final SecureRandom random = new SecureRandom();

    public Ids() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        this.nodeTag = HexFormat.of().formatHex(b);
    }

    public synchronized String request(long now) {
        if (now == lastMillis) {
            counter++;
        } else {
            lastMillis = now;
            counter = 0;
        }
        return String.format("r%012x%04x%s", now, counter & 0xffff, nodeTag);
    }

    public String session(long now) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return String.format("s%012x%s", now, HexFormat.of().formatHex(b));
    }
}
