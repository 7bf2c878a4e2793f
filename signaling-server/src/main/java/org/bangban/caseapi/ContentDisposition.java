package org.bangban.caseapi;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition: attachment} header of a download (pure): a plain ASCII {@code filename} for old
 * clients (other characters replaced by {@code _}) and the exact name as RFC 5987/8187 {@code filename*}
 * ({@code UTF-8''} and percent-encoded bytes outside the attribute characters).
 */
final class ContentDisposition {
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    static String asciiFallback(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\' && ch != '%' ? ch : '_');
        }
        return b.toString();
    }

    static String encode(String name) {
        StringBuilder b = new StringBuilder();
        for (byte by : name.getBytes(StandardCharsets.UTF_8)) {
            int v = by & 0xFF;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
                    || (v < 0x80 && ATTR_CHARS.indexOf(v) >= 0)) {
                b.append((char) v);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
