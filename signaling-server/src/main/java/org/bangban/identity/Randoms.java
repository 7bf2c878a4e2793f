package org.bangban.identity;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random generators for ids. {@code new SecureRandom()} on Linux is the NativePRNG, whose instances all share one
 * lock in the JVM: under load every id made on a hot path would queue behind every other user of it (the JDK's own
 * WebSocket client masks each frame with it). A DRBG instance has a lock of its own and is seeded once.
 */
public final class Randoms {
    private Randoms() {
    }

    /** A new cryptographically strong generator with a lock of its own (a DRBG when the JDK has one). */
    public static SecureRandom ownGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
