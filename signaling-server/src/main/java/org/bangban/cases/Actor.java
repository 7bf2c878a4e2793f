package org.bangban.cases;

import java.util.Objects;
import org.bangban.identity.Principal;

/**
 * Who acts on a case: an id (an applicant's pseudonymous id, a staff account id, or a name for the system such as
 * {@code "system"}) and the capacity.
 */
public record Actor(String id, ActorRole role) {
    /** The server itself. */
    public static final Actor SYSTEM = new Actor("system", ActorRole.SYSTEM);

    public Actor {
        Objects.requireNonNull(role, "actor role");
        if (id == null || id.isBlank()) {
            throw new CaseException(CaseException.Code.INVALID, "an actor needs an id (who did it); got none");
        }
    }

    /** A logged-in principal, in the capacity of its role. */
    public static Actor of(Principal p) {
        return new Actor(p.id(), ActorRole.of(p.role()));
    }

    public static Actor helper(String id) {
        return new Actor(id, ActorRole.HELPER);
    }

    public static Actor supervisor(String id) {
        return new Actor(id, ActorRole.SUPERVISOR);
    }

    public static Actor applicant(String id) {
        return new Actor(id, ActorRole.APPLICANT);
    }
}
