package org.bangban.materials;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real minimal files of each kind, made in memory for the tests. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A minimal valid one-page PDF (catalog, pages, page, cross-reference table, trailer). */
    public static byte[] pdf() {
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) pdf.append(String.format("%010d 00000 n \n", offset));
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] jpeg() {
        return image("jpeg", Color.RED);
    }

    static byte[] png() {
        return image("png", Color.BLUE);
    }

    /** A small picture written by javax.imageio in the given format. */
    static byte[] image(String format, Color color) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) for (int y = 0; y < 3; y++) img.setRGB(x, y, color.getRGB() ^ (x * 16 + y));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no ImageIO writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal OFD package: OFD.xml at the root pointing to Doc_0/Document.xml, one page. */
    static byte[] ofd() {
        return zip(Map.of(
                "OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\""
                        + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>bangban-test"
                        + "</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
                        + "</ofd:OFD>",
                "Doc_0/Document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document"
                        + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData><ofd:PhysicalBox>0 0 210 297"
                        + "</ofd:PhysicalBox></ofd:CommonData><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/"
                        + "Content.xml\"/></ofd:Pages></ofd:Document>",
                "Doc_0/Pages/Page_0/Content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page"
                        + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content/></ofd:Page>"));
    }

    /** A ZIP archive of the given text entries, in the given order (use a LinkedHashMap to fix it). */
    static byte[] zip(Map<String, String> entries) {
        return zip(entries, null);
    }

    static byte[] zip(Map<String, String> entries, String comment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (comment != null) zip.setComment(comment);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A 64-bit ELF header of an x86-64 Linux program followed by padding. */
    public static byte[] elf() {
        byte[] b = new byte[128];
        byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, b, 0, ident.length);
        b[16] = 2; // ET_EXEC
        b[18] = 0x3E; // x86-64
        return b;
    }

    /** The start of a Windows PE program: the MZ DOS header and its stub message. */
    static byte[] windowsExe() {
        byte[] b = new byte[128];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40; // e_lfanew
        byte[] pe = {'P', 'E', 0, 0};
        System.arraycopy(pe, 0, b, 0x40, pe.length);
        return b;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
