package org.bangban.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may use Bangban from a browser: the server's own pages, and the portal origins listed in
 * {@code http.cors.origins} (pages that embed the help button from another origin). The REST API sends CORS headers
 * to the listed ones, the WebSocket refuses a browser of any other origin, and the widget asks
 * {@code GET /api/widget} first so that it can tell the applicant instead of failing on a blocked request.
 */
public final class Origins {
    private final Set<String> listed;

    public Origins(Set<String> listed) {
        this.listed = listed.stream().map(Origins::normal).collect(Collectors.toUnmodifiableSet());
    }

    /** The comma-separated setting, e.g. {@code https://zwfw.example.gov.cn, https://portal.example}. */
    public static Origins parse(String setting) {
        return new Origins(Arrays.stream(setting == null ? new String[0] : setting.split(","))
                .map(String::trim).filter(o -> !o.isEmpty()).collect(Collectors.toSet()));
    }

    /** True for an origin in {@code http.cors.origins} (it gets CORS headers). */
    public boolean listed(String origin) {
        return origin != null && listed.contains(normal(origin));
    }

    /**
     * True when a request with this {@code Origin} header, sent to this {@code Host}, may use Bangban: no origin (not
     * a browser page, or a same-origin GET), the server's own origin, or a listed one.
     */
    public boolean allows(String origin, String host) {
        if (origin == null || origin.isEmpty()) return true;
        if (listed(origin)) return true;
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed frame, a file: page) or garbage
        }
    }

    private static String normal(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
