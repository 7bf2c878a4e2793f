package org.bangban.relay;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** On a fresh set of properties, not the JVM's: the tests keep Netty's own leak detection. */
class NettyLeakDetectionTest {

    @Test
    void offWhenTheOperatorChoseNothing() {
        Properties p = new Properties();
        assertThat(NettyLeakDetection.disableUnlessConfigured(p)).isTrue();
        assertThat(p.getProperty("io.netty.leakDetection.level")).isEqualTo("disabled");
    }

    @Test
    void theOperatorsLevelStaysInEitherSpelling() {
        Properties p = new Properties();
        p.setProperty("io.netty.leakDetection.level", "paranoid");
        assertThat(NettyLeakDetection.disableUnlessConfigured(p)).isFalse();
        assertThat(p.getProperty("io.netty.leakDetection.level")).isEqualTo("paranoid");

        Properties old = new Properties();
        old.setProperty("io.netty.leakDetectionLevel", "advanced");
        assertThat(NettyLeakDetection.disableUnlessConfigured(old)).isFalse();
        assertThat(old.getProperty("io.netty.leakDetection.level")).isNull();
    }
}
