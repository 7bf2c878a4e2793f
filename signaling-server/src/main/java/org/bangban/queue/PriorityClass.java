package org.bangban.queue;

/** Priority class of a help request. Green channel (绿色通道) is served before normal, with ageing. */
public enum PriorityClass {
    NORMAL,
    /** 绿色通道: the elderly, people with disabilities, key investment projects. */
    GREEN
}
