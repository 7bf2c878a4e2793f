package org.bangban.cases;

/** A value with a Chinese label (the zh-CN user interface and documents) and an English one. */
public interface Labelled {
    /** The Chinese term, as in the standard, e.g. 受理需求. */
    String zh();

    /** The English term, e.g. "intake". */
    String en();
}
