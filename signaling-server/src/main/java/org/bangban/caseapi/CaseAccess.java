package org.bangban.caseapi;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.bangban.cases.CaseHelper;
import org.bangban.cases.HelperRole;
import org.bangban.identity.Role;

/**
 * Who may see and work on which case 办件 (pure; the caller brings the viewer's team and the case's people).
 *
 * <ul>
 *   <li>A supervisor sees every case, works on every case and may reveal real-name data.</li>
 *   <li>A helper sees the cases it is or was a helper of (any role, also after a transfer away) and the cases of
 *       its team: the helpers sharing at least one group with it. The department alone does not make a team (a
 *       department such as a whole service centre is far wider than the people who cover for each other).</li>
 *   <li>A helper works on (acts, uploads, reveals real-name data of) only a case it is a current helper of:
 *       PRIMARY or ASSISTING. A transferred-away helper or a team-mate only sees.</li>
 *   <li>An applicant sees only its own cases (the case's applicant id is its principal id) and works on none
 *       through this API.</li>
 * </ul>
 * A case someone may not see is answered exactly like a case that does not exist.
 */
public final class CaseAccess {
    private CaseAccess() {
    }

    /**
     * Who is asking.
     *
     * @param id   the principal id
     * @param role the principal's role
     * @param team for a helper: the ids of the helpers of its team, itself included; empty for others
     */
    public record Viewer(String id, Role role, Set<String> team) {
        public Viewer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(role, "role");
            team = team == null ? Set.of() : Set.copyOf(team);
        }

        public static Viewer supervisor(String id) {
            return new Viewer(id, Role.SUPERVISOR, Set.of());
        }

        public static Viewer applicant(String id) {
            return new Viewer(id, Role.APPLICANT, Set.of());
        }

        /** A helper and its team (the helper is added to the team if missing). */
        public static Viewer helper(String id, Collection<String> team) {
            java.util.Set<String> t = new java.util.HashSet<>(team);
            t.add(id);
            return new Viewer(id, Role.HELPER, t);
        }
    }

    /** What a search by this viewer is limited to. */
    public sealed interface Scope {
    }

    /** Every case. */
    public record Everything() implements Scope {
    }

    /** Cases one of these helpers is or was a helper of. */
    public record OfHelpers(Set<String> helperIds) implements Scope {
        public OfHelpers {
            helperIds = Set.copyOf(helperIds);
        }
    }

    /** The cases of this applicant. */
    public record OfApplicant(String applicantId) implements Scope {
    }

    /** Whether the viewer may see the case (its data, events, materials' metadata, sessions, ratings). */
    public static boolean canSee(Viewer v, String caseApplicantId, Collection<CaseHelper> caseHelpers) {
        switch (v.role()) {
            case SUPERVISOR:
                return true;
            case HELPER:
                return caseHelpers.stream().anyMatch(h -> h.helperId().equals(v.id()) || v.team().contains(h.helperId()));
            case APPLICANT:
                return v.id().equals(caseApplicantId);
            default:
                return false;
        }
    }

    /** Whether the viewer may act on the case: a supervisor, or one of its current (primary or assisting) helpers. */
    public static boolean canWork(Viewer v, Collection<CaseHelper> caseHelpers) {
        if (v.role() == Role.SUPERVISOR) return true;
        return v.role() == Role.HELPER && caseHelpers.stream().anyMatch(h -> h.helperId().equals(v.id())
                && (h.role() == HelperRole.PRIMARY || h.role() == HelperRole.ASSISTING));
    }

    /** Whether the viewer may ask for the plain real-name data: the same people who may work on the case. */
    public static boolean canReveal(Viewer v, Collection<CaseHelper> caseHelpers) {
        return canWork(v, caseHelpers);
    }

    /** What the viewer's searches are limited to. */
    public static Scope searchScope(Viewer v) {
        switch (v.role()) {
            case SUPERVISOR:
                return new Everything();
            case HELPER:
                return new OfHelpers(v.team());
            default:
                return new OfApplicant(v.id());
        }
    }
}
