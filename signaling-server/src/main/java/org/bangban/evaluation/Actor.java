package org.bangban.evaluation;

import org.bangban.identity.Principal;
import org.bangban.identity.Role;

/**
 * Who does something to an evaluation: the applicant who rates, a helper or supervisor who follows up, appeals
 * or decides. Recorded with every follow-up step.
 *
 * @param id   the principal's id ({@code portal:…}, {@code guest:…}, {@code staff:…})
 * @param role what they are
 */
public record Actor(String id, Role role) {
    public Actor {
        if (id == null || id.isBlank()) throw EvaluationException.invalidInput("an actor needs an id");
        if (role == null) throw EvaluationException.invalidInput("actor " + id + " needs a role");
    }

    /** The actor of an authenticated principal. */
    public static Actor of(Principal principal) {
        return new Actor(principal.id(), principal.role());
    }

    public boolean isStaff() {
        return role.isStaff();
    }
}
