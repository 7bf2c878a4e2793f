package org.bangban.materials;

import org.bangban.identity.Role;

/**
 * A material 材料 recorded for a case: a file the applicant (or a helper for them) sent. Never changed once
 * recorded.
 *
 * @param id           the material's id ({@code mat-…})
 * @param caseNumber   the case 办件 it belongs to
 * @param sessionId    the session it was sent in, or null
 * @param sha256       its content's name in the {@link MaterialStore}
 * @param sizeBytes    its size
 * @param type         what its content is (sniffed); {@link #mediaType()} is the media type to serve it with
 * @param fileName     its sanitised file name (see {@link FileNames})
 * @param uploadedBy   who sent it (principal id)
 * @param uploaderRole the sender's role
 * @param checklistKey the checklist entry it fulfils, or null
 * @param createdAt    when it was recorded, epoch millis
 */
public record Material(String id, String caseNumber, String sessionId, String sha256, long sizeBytes,
                       MaterialType type, String fileName, String uploadedBy, Role uploaderRole,
                       String checklistKey, long createdAt) {
    /** The media type to serve the content with, e.g. {@code application/pdf}. */
    public String mediaType() {
        return type.mediaType();
    }
}
