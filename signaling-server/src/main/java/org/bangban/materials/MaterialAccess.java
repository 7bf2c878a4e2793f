package org.bangban.materials;

import java.util.Collection;
import org.bangban.identity.Role;

/**
 * Who may read a case's materials 材料: the case's applicant, the case's helpers, and any supervisor — nobody else.
 * Pure; the caller brings the case's applicant and helpers (from the cases repository).
 */
public final class MaterialAccess {
    private MaterialAccess() {
    }

    /**
     * Whether the viewer may read the materials of the case.
     *
     * @param viewerId        the viewer's principal id
     * @param viewerRole      the viewer's role
     * @param caseApplicantId the case's applicant (principal id), or null when unknown
     * @param caseHelperIds   the case's helpers (principal ids), possibly empty
     */
    public static boolean canRead(String viewerId, Role viewerRole, String caseApplicantId,
                                  Collection<String> caseHelperIds) {
        if (viewerId == null || viewerId.isBlank() || viewerRole == null) return false;
        switch (viewerRole) {
            case SUPERVISOR:
                return true;
            case HELPER:
                return caseHelperIds != null && caseHelperIds.contains(viewerId);
            case APPLICANT:
                return viewerId.equals(caseApplicantId);
            default:
                return false;
        }
    }
}
