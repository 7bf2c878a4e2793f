package org.bangban.queue;

/** A helper's presence state, as shown on consoles and the wallboard. */
public enum HelperStatus {
    /** 空闲: can receive offers. */
    AVAILABLE,
    /** 暂离: chosen by the helper, or set after missed offers. */
    AWAY,
    /** 忙碌: at its maximum of sessions. */
    BUSY,
    /** 整理: after-session work; no offer arrives until it ends. */
    WRAP_UP,
    /** 离线 */
    OFFLINE
}
