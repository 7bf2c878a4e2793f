package org.bangban.cases;

/** Why a case ended in 服务终止 termination. Every termination names one of these. */
public enum TerminationReason implements Labelled {
    /** 申请人撤回委托或申请: the applicant withdrew. */
    APPLICANT_WITHDREW("申请人撤回", "the applicant withdrew"),
    /** 材料虚假: the materials are false. */
    MATERIALS_FALSE("材料虚假", "materials are false"),
    /** 材料逾期未补齐: materials still missing after the deadline. */
    MATERIALS_MISSING_PAST_DEADLINE("材料逾期未补齐", "materials missing past the deadline"),
    /** 事项不符合办理条件: the applicant or the item does not qualify. */
    ITEM_NOT_ELIGIBLE("不符合办理条件", "the item is not eligible"),
    /** 无法联系申请人: the applicant cannot be reached. */
    APPLICANT_UNREACHABLE("无法联系申请人", "the applicant cannot be reached"),
    /** 重复办件: the same request is handled in another case. */
    DUPLICATE("重复办件", "duplicate of another case"),
    /** 不属于帮办代办范围: outside the scope of the service. */
    OUT_OF_SCOPE("不属于服务范围", "outside the scope of the service"),
    /** 申请人违反约定或法律法规: the applicant broke the agreement or the law (the standard's catch-all). */
    APPLICANT_MISCONDUCT("申请人违约或违法", "the applicant broke the agreement or the law");

    private final String zh;
    private final String en;

    TerminationReason(String zh, String en) {
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
