package org.bangban.materials;

import java.util.regex.Pattern;
import org.bangban.identity.Role;

/**
 * Who sends a material 材料 for which case, before its content is received. Checked when made, so a bad description
 * is refused before any byte is stored.
 *
 * @param caseNumber   the case 办件 it belongs to, e.g. {@code BB-20261126-000123} (a reference by number only)
 * @param sessionId    the assistance session it was sent in; null when sent outside a session
 * @param fileName     the name as the sender gave it (sanitised when stored, see {@link FileNames}); may be null
 * @param uploadedBy   the sender's principal id ({@code guest:…}, {@code portal:…}, {@code staff:…})
 * @param uploaderRole the sender's role
 * @param checklistKey the checklist entry it fulfils (see {@link ChecklistEntry#key()}); null for none
 * @throws MaterialException {@code invalid} when a field is missing or malformed
 */
public record MaterialUpload(String caseNumber, String sessionId, String fileName, String uploadedBy,
                             Role uploaderRole, String checklistKey) {
    /** Case numbers, session and principal ids: printable ASCII without spaces, at most this long. */
    static final int MAX_REFERENCE_LENGTH = 128;
    private static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_REFERENCE_LENGTH + "}");

    public MaterialUpload {
        reference("case number", caseNumber, true);
        reference("session id", sessionId, false);
        reference("uploader id", uploadedBy, true);
        if (uploaderRole == null) throw invalid("the uploader's role is missing");
        if (checklistKey != null) ChecklistEntry.requireKey(checklistKey);
    }

    private static void reference(String what, String value, boolean required) {
        if (value == null) {
            if (required) throw invalid("the " + what + " is missing");
            return;
        }
        if (!REFERENCE.matcher(value).matches()) {
            throw invalid("the " + what + " '" + value + "' is not valid: it must be 1 to " + MAX_REFERENCE_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    static MaterialException invalid(String message) {
        return new MaterialException(MaterialException.Code.INVALID, message + "; nothing was stored");
    }
}
