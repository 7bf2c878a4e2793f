package org.bangban.cases;

/**
 * The result of a case. It must be recorded before a 帮办 case enters {@link CaseState#RESULT_FEEDBACK} and before a
 * 代办 case enters {@link CaseState#DELIVERY}: those steps tell the applicant the result, so it must be known. The
 * final states {@link CaseState#CLOSED} and {@link CaseState#ARCHIVED} are reached only from those steps, so every
 * normally ended case has a result; a terminated case may have none.
 */
public enum CaseResult implements Labelled {
    /** 已解决 */
    RESOLVED("已解决", "resolved"),
    /** 部分解决 */
    PARTLY_RESOLVED("部分解决", "partly resolved"),
    /** 未解决 */
    NOT_RESOLVED("未解决", "not resolved"),
    /** 已转办: handed to another department or channel. */
    TRANSFERRED("已转办", "transferred");

    private final String zh;
    private final String en;

    CaseResult(String zh, String en) {
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
