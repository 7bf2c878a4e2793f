package org.bangban.queue;

/** Why a request is on the green channel (绿色通道). */
public enum GreenReason {
    /** 老年人 */
    ELDERLY,
    /** 残疾人 */
    DISABILITY,
    /** 重点项目 */
    KEY_PROJECT
}
