package org.bangban.identity;

import java.util.Map;
import java.util.Set;

/**
 * A helper's or supervisor's account, as read from the record store. The password hash is not part of it: it
 * never leaves {@link StaffAccounts}.
 *
 * @param id          {@code staff:…}, made when the account is created
 * @param username    login name, unique
 * @param displayName name shown to applicants
 * @param role        HELPER or SUPERVISOR
 * @param department  the staff member's department; may be null
 * @param skills      proficiency 1–5 by service item id or {@code category:<name>}
 * @param languages   language tags spoken
 * @param groups      skill groups / teams
 * @param maxSessions sessions at once
 * @param disabled    a disabled account cannot log in
 * @param createdAt   epoch millis
 */
public record StaffAccount(String id, String username, String displayName, Role role, String department,
                           Map<String, Integer> skills, Set<String> languages, Set<String> groups, int maxSessions,
                           boolean disabled, long createdAt) {
    public StaffAccount {
        skills = Map.copyOf(skills);
        languages = Set.copyOf(languages);
        groups = Set.copyOf(groups);
    }

    /** This account as the principal of a logged-in session. */
    public Principal principal() {
        return new Principal(id, role, displayName, false);
    }
}
