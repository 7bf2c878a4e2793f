package org.bangban.queue;

/**
 * A service item 事项 of the portal, e.g. "企业设立登记".
 *
 * @param id            stable identifier used in requests and helper skills
 * @param nameZh        the name shown in the zh-CN interface
 * @param nameEn        the English name
 * @param category      the queue the item belongs to (e.g. "市场主体登记"); helpers may have category skills
 * @param department    the responsible department (e.g. "市场监管局")
 * @param delegable     true when the item is on the managed list of 代办 items (清单制管理)
 * @param fallbackGroup skill group a waiting request widens to after the overflow wait; null for none
 */
public record ServiceItem(String id, String nameZh, String nameEn, String category, String department,
                          boolean delegable, String fallbackGroup) {
}
