package org.bangban.relay.ice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8445 section 5.3): the ufrag names an endpoint's
 * transport on the shared port, the password keys MESSAGE-INTEGRITY of connectivity checks.
 */
public record IceCredentials(String ufrag, String password) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        if (ufrag == null || ufrag.length() < 4 || ufrag.length() > 256 || ufrag.indexOf(':') >= 0) {
            throw new IllegalArgumentException("ICE ufrag must be 4..256 ice-chars");
        }
        if (password == null || password.length() < 22 || password.length() > 256) {
            throw new IllegalArgumentException("ICE password must be 22..256 ice-chars");
        }
    }

    /** Fresh random credentials: 8-character ufrag (48 bits), 24-character password (144 bits). */
    public static IceCredentials random() {
        return new IceCredentials(randomString(8), randomString(24));
    }

    public byte[] passwordBytes() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password hidden]";
    }
}
