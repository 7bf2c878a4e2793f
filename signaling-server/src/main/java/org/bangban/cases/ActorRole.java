package org.bangban.cases;

import org.bangban.identity.Role;

/** In which capacity someone acted on a case. */
public enum ActorRole {
    /** 办事群众/企业 */
    APPLICANT,
    /** 帮办代办人员 */
    HELPER,
    /** 监督人员 */
    SUPERVISOR,
    /** The server itself, e.g. a session that ended or a timer. */
    SYSTEM;

    /** The capacity of a logged-in principal of the given role. */
    public static ActorRole of(Role role) {
        return switch (role) {
            case APPLICANT -> APPLICANT;
            case HELPER -> HELPER;
            case SUPERVISOR -> SUPERVISOR;
        };
    }
}
