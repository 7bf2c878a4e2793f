package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RTCP source description, PT 202 (RFC 3550 section 6.5): up to 31 chunks, each an SSRC with its
 * items (CNAME and others), item text being UTF-8.
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    /** One SDES item: type 1..255 and a value of at most 255 UTF-8 bytes. */
    public record Item(int type, String text) {
        public Item {
            Objects.requireNonNull(text, "text");
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("SDES item type out of range: " + type);
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SDES item longer than 255 bytes");
            }
        }
    }

    /** The items of one source. */
    public record Chunk(int ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }

        public Optional<String> cname() {
            return items.stream().filter(i -> i.type() == CNAME).map(Item::text).findFirst();
        }

        /** SSRC, items, one terminating null octet, padded to a multiple of 4. */
        int size() {
            int n = 4;
            for (Item item : items) {
                n += 2 + item.text().getBytes(StandardCharsets.UTF_8).length;
            }
            return (n + 1 + 3) & ~3;
        }
    }

    public SourceDescription {
        chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("at most 31 chunks");
        }
    }

    /** An SDES with a single chunk holding only a CNAME. */
    public static SourceDescription cname(int ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
    }

    /** Parses the SDES at {@code off} with {@code len} content bytes; null when malformed. */
    static SourceDescription parse(byte[] b, int off, int len) {
        int count = RtcpHeader.count(b, off);
        int end = off + len;
        int p = off + RtcpHeader.LENGTH;
        List<Chunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            if (p + 4 > end) {
                return null;
            }
            int ssrc = i32(b, p);
            p += 4;
            List<Item> items = new ArrayList<>();
            while (true) {
                if (p >= end) {
                    return null;
                }
                int type = b[p] & 0xFF;
                if (type == 0) {
                    p = off + ((p + 1 - off + 3) & ~3); // null octet, then to the next 32-bit boundary
                    break;
                }
                if (p + 2 > end || p + 2 + (b[p + 1] & 0xFF) > end) {
                    return null;
                }
                int length = b[p + 1] & 0xFF;
                items.add(new Item(type, text(b, p + 2, length)));
                p += 2 + length;
            }
            if (p > end) {
                return null;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    /**
     * Decodes up to 255 bytes of received text as UTF-8. Malformed sequences become U+FFFD, which
     * can make the text longer than 255 bytes when encoded again: then it is cut to fit, so a
     * parsed item can always be written back.
     */
    static String text(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        while (s.getBytes(StandardCharsets.UTF_8).length > 255) {
            int end = s.length() - 1;
            if (end > 0 && Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            s = s.substring(0, end);
        }
        return s;
    }

    /** Writes a length byte and the UTF-8 bytes of {@code text}; returns the bytes written. */
    static int writeText(byte[] dst, int off, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        dst[off] = (byte) bytes.length;
        System.arraycopy(bytes, 0, dst, off + 1, bytes.length);
        return 1 + bytes.length;
    }

    @Override
    public int size() {
        int n = RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            n += chunk.size();
        }
        return n;
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = size();
        Objects.checkFromIndexSize(off, size, dst.length);
        RtcpHeader.write(dst, off, false, chunks.size(), RtcpHeader.SDES, size);
        int p = off + RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            int chunkEnd = p + chunk.size();
            put32(dst, p, chunk.ssrc());
            p += 4;
            for (Item item : chunk.items()) {
                dst[p] = (byte) item.type();
                p += 1 + writeText(dst, p + 1, item.text());
            }
            Arrays.fill(dst, p, chunkEnd, (byte) 0);
            p = chunkEnd;
        }
        return size;
    }
}
