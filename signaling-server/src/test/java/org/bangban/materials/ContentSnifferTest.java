package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.materials.TestFiles.text;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {
    private final ContentSniffer sniffer = new ContentSniffer();

    // ---- the allowed types, from real files ----

    @Test
    void aMinimalPdfIsAPdf() {
        assertThat(sniffer.require(TestFiles.pdf())).isEqualTo(MaterialType.PDF);
    }

    @Test
    void aJpegWrittenByImageIoIsAJpeg() {
        assertThat(sniffer.require(TestFiles.jpeg())).isEqualTo(MaterialType.JPEG);
    }

    @Test
    void aPngWrittenByImageIoIsAPng() {
        assertThat(sniffer.require(TestFiles.png())).isEqualTo(MaterialType.PNG);
    }

    @Test
    void aZipWithOfdXmlAtItsRootIsAnOfdDocument() {
        assertThat(sniffer.require(TestFiles.ofd())).isEqualTo(MaterialType.OFD);
    }

    @Test
    void ofdXmlIsFoundWhereverItStandsInTheDirectoryAndDespiteAZipComment() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) entries.put("Doc_0/Res/r" + i + ".xml", "<r n=\"" + i + "\"/>");
        entries.put("OFD.xml", "<ofd:OFD/>");
        assertThat(sniffer.require(TestFiles.zip(entries, "made by a scanner 扫描仪"))).isEqualTo(MaterialType.OFD);
    }

    @Test
    void theStoredTypeComesFromTheBytesSoEachTypeCarriesItsMediaType() {
        assertThat(MaterialType.PDF.mediaType()).isEqualTo("application/pdf");
        assertThat(MaterialType.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(MaterialType.PNG.mediaType()).isEqualTo("image/png");
        assertThat(MaterialType.OFD.mediaType()).isEqualTo("application/ofd");
        for (MaterialType t : MaterialType.values()) assertThat(MaterialType.ofMediaType(t.mediaType())).contains(t);
        assertThat(MaterialType.ofMediaType("text/html")).isEmpty();
    }

    // ---- refused, with what was found ----

    @Test
    void anElfExecutableIsRefusedAndNamed() {
        assertRefused(TestFiles.elf(), "ELF executable");
    }

    @Test
    void aWindowsExecutableIsRefusedAndNamed() {
        assertRefused(TestFiles.windowsExe(), "Windows executable");
    }

    @Test
    void machOExecutablesAreRefused() {
        assertRefused(new byte[]{(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE, 7, 0, 0, 1}, "Mach-O");
        assertRefused(new byte[]{(byte) 0xFE, (byte) 0xED, (byte) 0xFA, (byte) 0xCE, 0, 0, 0, 7}, "Mach-O");
        assertRefused(new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 2}, "Mach-O");
    }

    @Test
    void shellScriptsAreRefusedEvenAfterLeadingBlanks() {
        assertRefused(text("#!/bin/sh\nrm -rf /\n"), "script");
        assertRefused(text("\n  #!/usr/bin/env python3\nprint('x')\n"), "script");
    }

    @Test
    void aZipThatIsNotOfdIsRefused() {
        assertRefused(TestFiles.zip(Map.of("word/document.xml", "<w:document/>", "[Content_Types].xml", "<Types/>")),
                "ZIP archive without OFD.xml");
    }

    @Test
    void ofdXmlOnlyInASubfolderIsNotAnOfdDocument() {
        assertRefused(TestFiles.zip(Map.of("inner/OFD.xml", "<ofd:OFD/>")), "without OFD.xml at its root");
        assertRefused(TestFiles.zip(Map.of("ofd.xml", "<ofd:OFD/>")), "without OFD.xml at its root");
    }

    @Test
    void anEmptyZipIsRefused() {
        assertRefused(TestFiles.zip(Map.of()), "empty ZIP");
    }

    @Test
    void htmlSvgXmlAndScriptsAreRefused() {
        assertRefused(text("<!DOCTYPE html><html><body>hi</body></html>"), "HTML document");
        assertRefused(text("\uFEFF<html><script>alert(1)</script></html>"), "HTML document");
        assertRefused(text("<script>fetch('/api')</script>"), "HTML document");
        assertRefused(text("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>"),
                "SVG image");
        assertRefused(text("<?xml version=\"1.0\"?><data/>"), "XML document");
        assertRefused(text("just some words\n"), "plain text");
    }

    @Test
    void otherCommonFormatsAreNamedWhenRefused() {
        assertRefused(text("GIF89a\u0001\u0000"), "GIF image");
        assertRefused(new byte[]{'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}, "WebP image");
        assertRefused(new byte[]{0x1F, (byte) 0x8B, 8, 0, 0, 0}, "gzip");
        assertRefused(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1}, "OLE2");
        assertRefused(new byte[]{'R', 'a', 'r', '!', 0x1A, 7}, "RAR archive");
    }

    @Test
    void unknownBytesAreRefusedWithTheirFirstBytesInHex() {
        assertRefused(new byte[]{0x00, 0x01, 0x02, 0x03, (byte) 0xAB, 0x05, 0x06, 0x07, 0x08, 0x09},
                "unrecognised content starting with bytes 00 01 02 03 AB 05 06 07");
    }

    @Test
    void emptyContentIsRefusedAsEmpty() {
        assertThatThrownBy(() -> sniffer.require(new byte[0]))
                .isInstanceOfSatisfying(MaterialException.class, e -> {
                    assertThat(e.code()).isEqualTo("empty");
                    assertThat(e.detected()).isNull();
                })
                .hasMessageContaining("empty");
    }

    @Test
    void truncatedSignaturesAreNotTheirType() {
        assertRefused(text("%PD"), "plain text");
        assertRefused(text("%PDF"), "plain text");
        assertRefused(new byte[]{(byte) 0xFF, (byte) 0xD8}, "unrecognised");
        assertRefused(Arrays.copyOf(TestFiles.png(), 7), "unrecognised");
    }

    @Test
    void aTruncatedOfdIsADamagedZip() {
        byte[] ofd = TestFiles.ofd();
        assertRefused(Arrays.copyOf(ofd, ofd.length / 2), "damaged or truncated ZIP");
        assertRefused(Arrays.copyOf(ofd, ofd.length - 1), "damaged or truncated ZIP");
        assertRefused(Arrays.copyOf(ofd, 4), "damaged or truncated ZIP");
    }

    @Test
    void aZipWhoseDirectoryPointsOutsideTheFileIsRefusedWithoutReadingThere() {
        byte[] ofd = TestFiles.ofd();
        int eocd = ofd.length - 22;
        ByteBuffer.wrap(ofd).order(ByteOrder.LITTLE_ENDIAN).putInt(eocd + 16, 0x7FFF_0000); // central directory offset
        AtomicLong largestRead = new AtomicLong();
        ContentSniffer.Content inMemory = ContentSniffer.Content.of(ofd);
        ContentSniffer.Content watched = new ContentSniffer.Content() {
            @Override
            public long size() {
                return inMemory.size();
            }

            @Override
            public byte[] range(long offset, int length) {
                largestRead.accumulateAndGet(length, Math::max);
                return inMemory.range(offset, length);
            }
        };
        assertThat(sniffer.detect(watched).type()).isNull();
        assertThat(sniffer.detect(watched).description()).contains("damaged ZIP");
        assertThat(largestRead.get()).isLessThanOrEqualTo(ofd.length);
    }

    @Test
    void damagedZipsNeverEscapeAsAnythingButARefusal() {
        byte[] ofd = TestFiles.ofd();
        Random random = new Random(20261126);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] mutated = ofd.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                // mostly in the central directory and end record, where the parser reads
                int at = random.nextBoolean() ? ofd.length - 1 - random.nextInt(Math.min(ofd.length, 300))
                        : random.nextInt(ofd.length);
                mutated[at] = (byte) random.nextInt(256);
            }
            try {
                if (sniffer.require(mutated) == MaterialType.OFD) accepted++;
            } catch (MaterialException e) {
                assertThat(e.code()).isIn("type_not_allowed", "empty");
            }
        }
        assertThat(accepted).as("some mutations leave the directory intact").isPositive();
    }

    // ---- configuration ----

    @Test
    void onlyTheConfiguredTypesAreAllowed() {
        ContentSniffer pdfOnly = new ContentSniffer(EnumSet.of(MaterialType.PDF));
        assertThat(pdfOnly.require(TestFiles.pdf())).isEqualTo(MaterialType.PDF);
        assertThatThrownBy(() -> pdfOnly.require(TestFiles.png()))
                .isInstanceOfSatisfying(MaterialException.class, e -> {
                    assertThat(e.code()).isEqualTo("type_not_allowed");
                    assertThat(e.detected()).isEqualTo("a PNG image");
                })
                .hasMessageContaining("a PNG image").hasMessageContaining("only PDF files are accepted");
        assertThat(pdfOnly.detect(TestFiles.png()).type()).isEqualTo(MaterialType.PNG);
    }

    @Test
    void theDefaultAllowsAllFourAndAnEmptyConfigurationIsRefused() {
        assertThat(sniffer.allowed()).containsExactlyInAnyOrder(MaterialType.values());
        assertThatThrownBy(() -> new ContentSniffer(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredListIsParsedAndAnUnknownNameIsNamed() {
        assertThat(MaterialType.parseList(" pdf, PNG ,,ofd")).containsExactlyInAnyOrder(MaterialType.PDF,
                MaterialType.PNG, MaterialType.OFD);
        assertThatThrownBy(() -> MaterialType.parseList("pdf,exe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'exe'");
        assertThatThrownBy(() -> MaterialType.parseList(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(byte[] content, String detectedPart) {
        assertThatThrownBy(() -> sniffer.require(content))
                .isInstanceOfSatisfying(MaterialException.class, e -> {
                    assertThat(e.code()).isEqualTo("type_not_allowed");
                    assertThat(e.reason()).isEqualTo(MaterialException.Code.TYPE_NOT_ALLOWED);
                    assertThat(e.detected()).contains(detectedPart);
                })
                .hasMessageContaining(detectedPart)
                .hasMessageContaining("whatever its name says")
                .hasMessageContaining("PDF, JPEG, PNG, OFD");
        assertThat(sniffer.detect(content).type()).isNull();
    }
}
