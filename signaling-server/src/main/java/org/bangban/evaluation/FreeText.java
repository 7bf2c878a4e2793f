package org.bangban.evaluation;

/**
 * Rules for the free text of evaluations: rating comments, follow-up notes, appeal reasons. Text is trimmed;
 * line breaks are kept ({@code \r\n} and {@code \r} become {@code \n}); every other control character, and the
 * bidirectional overrides that can disguise text (U+202A–U+202E, U+2066–U+2069), is refused rather than removed,
 * so that what is stored is exactly what the writer saw. Lengths count Unicode code points (a Chinese character
 * is one).
 */
public final class FreeText {
    /** Longest rating comment (评价内容), in code points. */
    public static final int MAX_COMMENT = 500;
    /** Longest follow-up note or appeal reason, in code points. */
    public static final int MAX_NOTE = 2000;

    private FreeText() {
    }

    /**
     * The normalised optional text: null when null or blank after trimming.
     *
     * @param what what the text is, for the message, e.g. "the comment"
     * @throws EvaluationException {@code invalid_text} when too long or holding a refused character
     */
    public static String optional(String what, String text, int maxCodePoints) {
        if (text == null) return null;
        String t = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (t.isEmpty()) return null;
        int length = t.codePointCount(0, t.length());
        if (length > maxCodePoints) {
            throw new EvaluationException(EvaluationException.INVALID_TEXT, what + " is " + length
                    + " characters long; at most " + maxCodePoints + " are allowed, please shorten it");
        }
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (refused(cp)) {
                throw new EvaluationException(EvaluationException.INVALID_TEXT, what + " holds the control character"
                        + String.format(" U+%04X", cp) + " at position " + t.codePointCount(0, i)
                        + "; remove it and send the text again");
            }
            i += Character.charCount(cp);
        }
        return t;
    }

    /**
     * The normalised required text.
     *
     * @throws EvaluationException {@code invalid_input} when null or blank, {@code invalid_text} as {@link #optional}
     */
    public static String required(String what, String text, int maxCodePoints) {
        String t = optional(what, text, maxCodePoints);
        if (t == null) throw EvaluationException.invalidInput(what + " is required and was empty");
        return t;
    }

    private static boolean refused(int cp) {
        if (cp == '\n') return false;
        if (Character.getType(cp) == Character.CONTROL) return true;
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
