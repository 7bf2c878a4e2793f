package org.bangban.cases;

/**
 * Through which channel 服务方式 a case came. This system serves the online channel; staff enter the cases of
 * the other channels so that every case lives in one log.
 */
public enum Channel implements Labelled {
    /** 线上服务: a request from the portal's help button, served by this system. */
    ONLINE("线上服务", "online"),
    /** 专区服务: a service-hall desk. */
    SERVICE_HALL("专区服务", "service hall"),
    /** 上门服务: a home visit. */
    HOME_VISIT("上门服务", "home visit"),
    /** 合作服务: a partner outlet. */
    PARTNER("合作服务", "partner outlet");

    private final String zh;
    private final String en;

    Channel(String zh, String en) {
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
