package org.bangban.casefeed;

/**
 * The rules of a chat message's text: not blank, at most {@value #MAX_CHARS} characters, no control characters but
 * the newline (a CR LF pair counts as a newline). Pure.
 */
public final class ChatText {
    public static final int MAX_CHARS = 2000;

    private ChatText() {
    }

    /**
     * The text as stored (CR LF made LF), or the reason it is refused.
     *
     * @throws IllegalArgumentException with a message for the sender
     */
    public static String check(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("'text' is required and must not be blank");
        String t = text.replace("\r\n", "\n");
        int length = t.codePointCount(0, t.length());
        if (length > MAX_CHARS) {
            throw new IllegalArgumentException("'text' is at most " + MAX_CHARS + " characters, this one has " + length
                    + "; send it in parts or as a file");
        }
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch != '\n' && Character.isISOControl(ch)) {
                throw new IllegalArgumentException("'text' holds the control character U+" + String.format("%04X", (int) ch)
                        + " at position " + (i + 1) + "; only newlines are allowed");
            }
        }
        return t;
    }
}
