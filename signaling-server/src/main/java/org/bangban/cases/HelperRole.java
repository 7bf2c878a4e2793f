package org.bangban.cases;

/** What a helper is to a case (table {@code case_helper}). */
public enum HelperRole implements Labelled {
    /** 主办: the helper responsible for the case; at most one at a time. */
    PRIMARY("主办", "primary"),
    /** 协办: a second helper working on it too. */
    ASSISTING("协办", "assisting"),
    /** 已转出: was primary and transferred the case to another helper; still sees it. */
    TRANSFERRED_FROM("已转出", "transferred from");

    private final String zh;
    private final String en;

    HelperRole(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
