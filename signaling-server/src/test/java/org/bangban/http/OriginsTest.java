package org.bangban.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginsTest {
    private final Origins origins = Origins.parse(" https://zwfw.example.gov.cn , http://127.0.0.1:8081/,");

    @Test
    void listedOriginsAreAllowedAndGetCorsHeaders() {
        assertThat(origins.listed("https://zwfw.example.gov.cn")).isTrue();
        assertThat(origins.listed("HTTPS://ZWFW.example.gov.cn")).as("origins compare without case").isTrue();
        assertThat(origins.listed("http://127.0.0.1:8081")).as("a trailing slash in the setting is dropped").isTrue();
        assertThat(origins.listed("http://zwfw.example.gov.cn")).as("another scheme is another origin").isFalse();
        assertThat(origins.listed(null)).isFalse();
        assertThat(origins.allows("https://zwfw.example.gov.cn", "bangban.example:8080")).isTrue();
    }

    @Test
    void theServersOwnPagesAndNonBrowsersAreAllowedOthersNot() {
        assertThat(origins.allows("http://bangban.example:8080", "bangban.example:8080")).isTrue();
        assertThat(origins.allows(null, "bangban.example:8080")).as("no Origin: not a browser page").isTrue();
        assertThat(origins.allows("http://localhost:8081", "bangban.example:8080")).isFalse();
        assertThat(origins.allows("http://bangban.example:8081", "bangban.example:8080")).as("another port").isFalse();
        assertThat(origins.allows("null", "bangban.example:8080")).as("a sandboxed frame or a file page").isFalse();
        assertThat(origins.allows("http://evil.example", null)).isFalse();
        assertThat(Origins.parse("").listed("http://a.example")).isFalse();
    }
}
