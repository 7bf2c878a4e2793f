package org.bangban.casefeed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.bangban.cases.Actor;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.NewCase;
import org.bangban.pairing.Catalog;
import org.bangban.queue.ServiceItem;
import org.bangban.store.CallbackRequest;

/**
 * A callback request 预约 opens a case 办件 in the caller's transaction (with the callback row): online channel, the
 * item and its department, the kind asked for, the applicant's note as the description, no helper yet; its request
 * id is the callback's id, so the case is found from the callback. The contact details stay in the callback row
 * (personal data are not copied into the case log).
 */
public final class CallbackCases {
    private final Cases cases;
    private final Catalog catalog;

    public CallbackCases(Cases cases, Catalog catalog) {
        this.cases = Objects.requireNonNull(cases, "cases");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Opens the callback's case; returns its number. */
    public String open(Connection c, CallbackRequest callback) throws SQLException {
        ServiceItem item = catalog.item(callback.itemId()).orElse(null);
        NewCase newCase = NewCase.builder(callback.applicantId(), callback.itemId(), callback.kind(), Channel.ONLINE)
                .department(item == null ? null : item.department())
                .itemDelegable(item != null && item.delegable())
                .requestId(callback.id())
                .description(callback.note())
                .build();
        return cases.open(c, newCase, Actor.applicant(callback.applicantId())).number();
    }
}
