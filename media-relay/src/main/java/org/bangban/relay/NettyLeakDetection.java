package org.bangban.relay;

import java.util.Properties;

/**
 * Netty's buffer leak detector in a production start: off unless the operator chose a level.
 * By default Netty samples about one buffer in 128 with a stack trace, ~3 % of the relay's I/O
 * threads' CPU in the profile (docs/performance.md). Tests and embedded starts keep Netty's
 * default, which is where leaks are found. Netty reads the level once, when its leak detector
 * class loads: call this first thing in {@code main}, before any Netty class is touched (this
 * class touches none).
 */
public final class NettyLeakDetection {

    static final String LEVEL = "io.netty.leakDetection.level";
    /** The older spelling Netty still reads. */
    static final String LEVEL_OLD = "io.netty.leakDetectionLevel";

    private NettyLeakDetection() {
    }

    /** Sets {@code io.netty.leakDetection.level=disabled} unless either property is set; true if it did. */
    public static boolean disableUnlessConfigured() {
        return disableUnlessConfigured(System.getProperties());
    }

    static boolean disableUnlessConfigured(Properties properties) {
        if (properties.getProperty(LEVEL) != null || properties.getProperty(LEVEL_OLD) != null) {
            return false;
        }
        properties.setProperty(LEVEL, "disabled");
        return true;
    }
}
