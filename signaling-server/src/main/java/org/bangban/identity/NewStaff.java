package org.bangban.identity;

import java.util.Map;
import java.util.Set;

/**
 * What is needed to create a staff account. Checked by {@link StaffAccounts#create}.
 *
 * @param username    login name: not blank, unique
 * @param displayName name shown to applicants; the username when blank
 * @param role        HELPER or SUPERVISOR
 * @param password    the initial password (not kept; only its bcrypt hash is stored)
 * @param department  the department; may be null
 * @param skills      proficiency 1–5 by service item id or {@code category:<name>}; may be empty
 * @param languages   language tags, e.g. "zh", "en"
 * @param groups      skill groups / teams; may be empty
 * @param maxSessions sessions at once, at least 1
 */
public record NewStaff(String username, String displayName, Role role, char[] password, String department,
                       Map<String, Integer> skills, Set<String> languages, Set<String> groups, int maxSessions) {
    @Override
    public String toString() {
        return "NewStaff[username=" + username + ", displayName=" + displayName + ", role=" + role
                + ", password=***, department=" + department + ", skills=" + skills + ", languages=" + languages
                + ", groups=" + groups + ", maxSessions=" + maxSessions + "]";
    }
}
