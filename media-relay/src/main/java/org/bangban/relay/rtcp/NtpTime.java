package org.bangban.relay.rtcp;

/**
 * NTP timestamps as RTCP uses them (RFC 3550 section 4): 64-bit seconds.fraction since 1900, and
 * the "compact" middle 32 bits (16.16) used by LSR, DLSR and round-trip time.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS = 1_000_000_000L;

    private NtpTime() {
    }

    /** Unix wall-clock time in nanoseconds as a 64-bit NTP timestamp. */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS) + UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = (Math.floorMod(unixNanos, NANOS) << 32) / NANOS;
        return (seconds << 32) | fraction;
    }

    public static long fromUnixMillis(long unixMillis) {
        return fromUnixNanos(unixMillis * 1_000_000L);
    }

    /** A 64-bit NTP timestamp as Unix nanoseconds (fraction rounded down to the nanosecond). */
    public static long toUnixNanos(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        return seconds * NANOS + ((ntp & 0xFFFF_FFFFL) * NANOS >>> 32);
    }

    /** The middle 32 bits (16.16 seconds), as in LSR. */
    public static int compact(long ntp) {
        return (int) (ntp >>> 16);
    }

    /** Unsigned compact units (1/65536 s) as nanoseconds. */
    public static long compactToNanos(int compactUnits) {
        return ((compactUnits & 0xFFFF_FFFFL) * NANOS) >>> 16;
    }

    /** A non-negative duration as compact units (DLSR), saturating at 0xFFFFFFFF. */
    public static int nanosToCompact(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long units = nanos / NANOS * 65536 + (nanos % NANOS) * 65536 / NANOS;
        return units >= 0xFFFF_FFFFL ? -1 : (int) units;
    }
}
