package org.bangban.live;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling it; fails the test with what it waited for. */
public final class WaitFor {
    private WaitFor() {
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + deadline.toMillis() + " ms for " + what + ", in vain");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
