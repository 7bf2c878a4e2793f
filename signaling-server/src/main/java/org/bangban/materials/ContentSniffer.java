package org.bangban.materials;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a file really is from its bytes — never from its name or the type its sender claimed — and refuses
 * what is not allowed. Pure: it reads only the {@link Content} it is given, in small bounded ranges, and does no I/O
 * of its own.
 *
 * <ul>
 *   <li>PDF: starts with {@code %PDF-} (at the very start; bytes before the header are not tolerated).</li>
 *   <li>JPEG: starts with FF D8 FF.</li>
 *   <li>PNG: starts with the 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A.</li>
 *   <li>OFD: a ZIP archive (starts with a local file header {@code PK\3\4}) whose central directory lists an entry
 *   named exactly {@code OFD.xml} at the root. The central directory is found from the end-of-central-directory
 *   record and read by hand, with every offset checked against the content's size; nothing is decompressed, so
 *   a ZIP bomb costs no more than any other file.</li>
 * </ul>
 * Everything else is refused with {@link MaterialException.Code#TYPE_NOT_ALLOWED} and a message naming what was
 * found (an ELF, PE or Mach-O executable, a script, HTML, SVG, a ZIP that is not OFD, …), and empty content with
 * {@link MaterialException.Code#EMPTY}.
 */
public final class ContentSniffer {
    /** The types allowed unless configured otherwise: PDF, JPEG, PNG and OFD. */
    public static final Set<MaterialType> DEFAULT_ALLOWED = EnumSet.allOf(MaterialType.class);
    /** How many leading bytes are looked at to recognise text formats (HTML, SVG, XML, scripts). */
    static final int HEAD_BYTES = 1024;
    /** The largest central directory read when looking for {@code OFD.xml}; an OFD file has far fewer entries. */
    static final int MAX_CENTRAL_DIRECTORY_BYTES = 4 * 1024 * 1024;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_ZIP_COMMENT = 0xFFFF;
    private static final String OFD_ROOT_ENTRY = "OFD.xml";

    /** The bytes to look at: a size and random access to ranges of it. */
    public interface Content {
        /** The number of bytes. */
        long size();

        /**
         * Up to {@code length} bytes starting at {@code offset} (fewer only at the end of the content).
         * An implementation over a file reports an I/O failure as an unchecked exception.
         */
        byte[] range(long offset, int length);

        /** Content held in memory. */
        static Content of(byte[] bytes) {
            byte[] b = bytes.clone();
            return new Content() {
                @Override
                public long size() {
                    return b.length;
                }

                @Override
                public byte[] range(long offset, int length) {
                    int from = (int) Math.min(Math.max(offset, 0), b.length);
                    return Arrays.copyOfRange(b, from, (int) Math.min((long) from + Math.max(length, 0), b.length));
                }
            };
        }
    }

    /**
     * What the content was found to be.
     *
     * @param type        the material type, or null when it is none of them
     * @param description what it is in words, e.g. "a PDF document" or "an ELF executable (Linux program)"
     */
    public record Detection(MaterialType type, String description) {
    }

    private final Set<MaterialType> allowed;

    /** A sniffer allowing {@link #DEFAULT_ALLOWED}. */
    public ContentSniffer() {
        this(DEFAULT_ALLOWED);
    }

    /** A sniffer allowing only the given types (at least one). */
    public ContentSniffer(Set<MaterialType> allowed) {
        if (allowed == null || allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one material type must be allowed, e.g. " + DEFAULT_ALLOWED);
        }
        this.allowed = Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** The allowed types. */
    public Set<MaterialType> allowed() {
        return allowed;
    }

    /**
     * The type of the content, when it is an allowed one.
     *
     * @throws MaterialException {@code empty} for no bytes, {@code type_not_allowed} (with {@link
     *                           MaterialException#detected()}) for anything else
     */
    public MaterialType require(Content content) {
        if (content.size() == 0) {
            throw new MaterialException(MaterialException.Code.EMPTY, "the file is empty (0 bytes); choose the"
                    + " file again and send it once it has finished saving");
        }
        Detection d = detect(content);
        if (d.type() != null && allowed.contains(d.type())) return d.type();
        throw new MaterialException(MaterialException.Code.TYPE_NOT_ALLOWED, "the content is " + d.description()
                + ", whatever its name says; only " + allowedInWords() + " files are accepted — save or scan the"
                + " document as one of those and send it again", d.description(), null);
    }

    /** The type of in-memory content; see {@link #require(Content)}. */
    public MaterialType require(byte[] content) {
        return require(Content.of(content));
    }

    /** What the content is, allowed or not. Never throws for odd bytes; empty content is "empty content". */
    public Detection detect(Content content) {
        long size = content.size();
        if (size == 0) return new Detection(null, "empty content");
        byte[] head = content.range(0, (int) Math.min(size, HEAD_BYTES));
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return new Detection(MaterialType.PDF, "a PDF document");
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) return new Detection(MaterialType.JPEG, "a JPEG image");
        if (startsWith(head, PNG_SIGNATURE)) return new Detection(MaterialType.PNG, "a PNG image");
        if (startsWith(head, 'P', 'K', 3, 4)) return zip(content);
        if (startsWith(head, 'P', 'K', 5, 6)) return new Detection(null, "an empty ZIP archive (not an OFD document)");
        String binary = binaryKind(head);
        if (binary != null) return new Detection(null, binary);
        String text = textKind(head);
        if (text != null) return new Detection(null, text);
        return new Detection(null, "unrecognised content starting with bytes "
                + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(head, 0, Math.min(head.length, 8)));
    }

    /** What the in-memory content is; see {@link #detect(Content)}. */
    public Detection detect(byte[] content) {
        return detect(Content.of(content));
    }

    private String allowedInWords() {
        return allowed.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    // ---- ZIP and OFD ----

    private static Detection zip(Content content) {
        long size = content.size();
        int tailLength = (int) Math.min(size, EOCD_SIZE + MAX_ZIP_COMMENT);
        long tailStart = size - tailLength;
        byte[] tail = content.range(tailStart, tailLength);
        int eocd = findEndOfCentralDirectory(tail);
        if (eocd < 0) {
            return new Detection(null, "a damaged or truncated ZIP archive (its central directory cannot be found)");
        }
        int entries = u16(tail, eocd + 10);
        long cdSize = u32(tail, eocd + 12);
        long cdOffset = u32(tail, eocd + 16);
        long eocdPosition = tailStart + eocd;
        if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            return new Detection(null, "a ZIP64 archive (not an OFD document Bangban can read)");
        }
        if (cdOffset + cdSize > eocdPosition || cdSize > MAX_CENTRAL_DIRECTORY_BYTES) {
            return new Detection(null, "a damaged ZIP archive (its central directory points outside the file)");
        }
        byte[] cd = content.range(cdOffset, (int) cdSize);
        if (cd.length != cdSize) return new Detection(null, "a damaged or truncated ZIP archive");
        int p = 0;
        for (int i = 0; i < entries; i++) {
            if (p + 46 > cd.length || (int) u32(cd, p) != CENTRAL_ENTRY_SIGNATURE) {
                return new Detection(null, "a damaged ZIP archive (its central directory is inconsistent)");
            }
            int nameLength = u16(cd, p + 28);
            int next = p + 46 + nameLength + u16(cd, p + 30) + u16(cd, p + 32);
            if (next > cd.length) return new Detection(null, "a damaged ZIP archive (an entry overruns its directory)");
            String name = new String(cd, p + 46, nameLength, StandardCharsets.UTF_8);
            if (name.equals(OFD_ROOT_ENTRY)) return new Detection(MaterialType.OFD, "an OFD document");
            p = next;
        }
        return new Detection(null, "a ZIP archive without " + OFD_ROOT_ENTRY + " at its root (e.g. a .docx, .xlsx or"
                + " compressed folder), not an OFD document");
    }

    /** The position in {@code tail} of the end-of-central-directory record whose comment ends the file, or -1. */
    private static int findEndOfCentralDirectory(byte[] tail) {
        for (int p = tail.length - EOCD_SIZE; p >= 0; p--) {
            if ((int) u32(tail, p) == EOCD_SIGNATURE && p + EOCD_SIZE + u16(tail, p + 20) == tail.length) return p;
        }
        return -1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    // ---- refused kinds, named ----

    private static String binaryKind(byte[] h) {
        if (startsWith(h, 0x7F, 'E', 'L', 'F')) return "an ELF executable (Linux/Unix program)";
        if (startsWith(h, 'M', 'Z')) return "a Windows executable (MZ/PE program)";
        if (startsWith(h, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(h, 0xFE, 0xED, 0xFA, 0xCF)
                || startsWith(h, 0xCE, 0xFA, 0xED, 0xFE) || startsWith(h, 0xCF, 0xFA, 0xED, 0xFE)) {
            return "a Mach-O executable (macOS program)";
        }
        if (startsWith(h, 0xCA, 0xFE, 0xBA, 0xBE)) return "a Mach-O universal executable or Java class file";
        if (startsWith(h, 0xD0, 0xCF, 0x11, 0xE0)) return "an OLE2 compound file (e.g. an old .doc or .xls)";
        if (startsWith(h, 'G', 'I', 'F', '8')) return "a GIF image";
        if (startsWith(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B'
                && h[11] == 'P') {
            return "a WebP image";
        }
        if (startsWith(h, 'I', 'I', '*', 0) || startsWith(h, 'M', 'M', 0, '*')) return "a TIFF image";
        if (startsWith(h, 'R', 'a', 'r', '!')) return "a RAR archive";
        if (startsWith(h, '7', 'z', 0xBC, 0xAF)) return "a 7-Zip archive";
        if (startsWith(h, 0x1F, 0x8B)) return "a gzip archive";
        if (startsWith(h, 0x00, 'a', 's', 'm')) return "a WebAssembly module";
        return null;
    }

    private static String textKind(byte[] head) {
        int from = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        String text = new String(head, from, head.length - from, StandardCharsets.UTF_8).stripLeading();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("#!")) return "a script (it starts with an interpreter line '#!')";
        if (lower.startsWith("{\\rtf")) return "an RTF document";
        if (lower.startsWith("<")) {
            if (lower.contains("<svg")) return "an SVG image (SVG can carry scripts)";
            if (lower.startsWith("<!doctype html") || lower.contains("<html") || lower.contains("<script")
                    || lower.contains("<body") || lower.contains("<head")) {
                return "an HTML document";
            }
            if (lower.startsWith("<?xml")) return "an XML document";
            return "markup text (HTML or XML)";
        }
        boolean printable = !text.isEmpty() && text.chars().allMatch(ch -> ch >= 0x20 && ch != 0xFFFD
                || ch == '\n' || ch == '\r' || ch == '\t');
        return printable ? "plain text" : null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != (prefix[i] & 0xFF)) return false;
        return true;
    }
}
