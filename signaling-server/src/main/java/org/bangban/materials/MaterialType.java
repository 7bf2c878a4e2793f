package org.bangban.materials;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file a material may be, each recognised by its first bytes (see {@link ContentSniffer}). The media
 * type stored with a material is always its sniffed type's, never what the sender claimed.
 */
public enum MaterialType {
    /** PDF, starts with {@code %PDF-}. */
    PDF("application/pdf", List.of("pdf")),
    /** JPEG image, starts with FF D8 FF. */
    JPEG("image/jpeg", List.of("jpg", "jpeg")),
    /** PNG image, starts with the 8-byte PNG signature. */
    PNG("image/png", List.of("png")),
    /** OFD 版式文档 (GB/T 33190): a ZIP archive with {@code OFD.xml} at its root. */
    OFD("application/ofd", List.of("ofd"));

    private final String mediaType;
    private final List<String> extensions;

    MaterialType(String mediaType, List<String> extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    /** The media type stored with the material and sent on download, e.g. {@code application/pdf}. */
    public String mediaType() {
        return mediaType;
    }

    /** File name extensions of this type, lower case, without the dot; the first is the usual one. */
    public List<String> extensions() {
        return extensions;
    }

    /** The type whose media type this is. */
    public static Optional<MaterialType> ofMediaType(String mediaType) {
        for (MaterialType t : values()) if (t.mediaType.equalsIgnoreCase(String.valueOf(mediaType))) return Optional.of(t);
        return Optional.empty();
    }

    /**
     * Parses a configured list such as {@code "PDF, jpeg,png"} (names, case-insensitive, comma-separated).
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones, or when the list is empty
     */
    public static Set<MaterialType> parseList(String list) {
        Set<MaterialType> types = EnumSet.noneOf(MaterialType.class);
        for (String part : String.valueOf(list).split(",")) {
            String name = part.trim();
            if (name.isEmpty()) continue;
            try {
                types.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' in the allowed material types '" + list
                        + "' is not a type Bangban recognises; use some of " + EnumSet.allOf(MaterialType.class), e);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("the allowed material types '" + list + "' name no type; use some of "
                    + EnumSet.allOf(MaterialType.class));
        }
        return types;
    }
}
