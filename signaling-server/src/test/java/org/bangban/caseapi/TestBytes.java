package org.bangban.caseapi;

import java.nio.charset.StandardCharsets;

/** Small files whose first bytes make them what they claim (or not). */
final class TestBytes {
    private TestBytes() {
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] png() {
        byte[] b = new byte[64];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(sig, 0, b, 0, sig.length);
        for (int i = sig.length; i < b.length; i++) b[i] = (byte) i;
        return b;
    }

    static byte[] elf() {
        byte[] b = new byte[128];
        b[0] = 0x7F;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[4] = 2;
        return b;
    }
}
