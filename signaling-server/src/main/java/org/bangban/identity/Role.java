package org.bangban.identity;

/** Who someone is to Bangban; decides which messages they may send. */
public enum Role {
    /** 办事群众/企业: asks for help from the portal, as a guest or with a portal token. */
    APPLICANT,
    /** 帮办代办人员: takes requests at the remote console. */
    HELPER,
    /** 监督人员: watches queues and sessions, reviews cases and ratings. */
    SUPERVISOR;

    /** Helpers and supervisors log in with a staff account; applicants never do. */
    public boolean isStaff() {
        return this != APPLICANT;
    }
}
