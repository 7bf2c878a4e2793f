package org.bangban.materials;

import java.util.Locale;
import java.util.Set;

/**
 * Turns the name a sender gave a file into one safe to store, show and offer for download: the last path segment
 * only, no control or bidirectional-formatting characters (no {@code U+202E} tricks making {@code exe.pdf} look like
 * {@code fdp.exe}), none of {@code < > : " / \ | ? *}, no leading or trailing dots and spaces, not a reserved Windows
 * device name, at most {@value #MAX_CODE_POINTS} characters, and ending with an extension of the type the content
 * really is (appended when the given one does not match). Pure.
 */
public final class FileNames {
    /** The longest name kept, in Unicode code points (not UTF-16 units: a character is never cut in half). */
    public static final int MAX_CODE_POINTS = 120;
    /** The stem used when nothing usable is left of the given name. */
    static final String FALLBACK_STEM = "material";
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");

    private FileNames() {
    }

    /**
     * The safe name of a file whose content is of the given type.
     *
     * @param given the name as sent (may be null, a path, or anything)
     * @param type  the sniffed type of the content
     */
    public static String sanitise(String given, MaterialType type) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (!allowed(cp)) return;
            if ("<>:\"|?*".indexOf(cp) >= 0) clean.append('_');
            else clean.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
        });
        name = trimDotsAndSpaces(clean.toString().replaceAll(" {2,}", " "));

        String extension = extension(name);
        String stem = extension == null ? name : name.substring(0, name.length() - extension.length() - 1);
        if (extension == null || !type.extensions().contains(extension.toLowerCase(Locale.ROOT))) {
            stem = name;
            extension = type.extensions().get(0);
        }
        stem = trimDotsAndSpaces(stem);
        if (stem.isEmpty()) stem = FALLBACK_STEM;
        int dot = stem.indexOf('.');
        if (WINDOWS_DEVICES.contains((dot < 0 ? stem : stem.substring(0, dot)).trim().toLowerCase(Locale.ROOT))) {
            stem = "_" + stem;
        }
        int room = MAX_CODE_POINTS - 1 - extension.codePointCount(0, extension.length());
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = trimDotsAndSpaces(stem.substring(0, stem.offsetByCodePoints(0, room)));
            if (stem.isEmpty()) stem = FALLBACK_STEM;
        }
        return stem + "." + extension;
    }

    private static boolean allowed(int cp) {
        int t = Character.getType(cp);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.LINE_SEPARATOR
                && t != Character.PARAGRAPH_SEPARATOR && t != Character.UNASSIGNED && t != Character.SURROGATE
                && t != Character.PRIVATE_USE;
    }

    /** The text after the last dot, or null when there is none (or nothing after it, or nothing before it). */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) return null;
        return name.substring(dot + 1);
    }

    private static String trimDotsAndSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '.' || s.charAt(from) == ' ')) from++;
        while (to > from && (s.charAt(to - 1) == '.' || s.charAt(to - 1) == ' ')) to--;
        return s.substring(from, to);
    }
}
