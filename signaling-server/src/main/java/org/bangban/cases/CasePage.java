package org.bangban.cases;

import java.util.List;

/**
 * One page of a case search, newest first.
 *
 * @param more whether there are cases after this page (ask again with {@code offset + cases.size()})
 */
public record CasePage(List<CaseRecord> cases, int offset, boolean more) {
    public CasePage {
        cases = List.copyOf(cases);
    }
}
