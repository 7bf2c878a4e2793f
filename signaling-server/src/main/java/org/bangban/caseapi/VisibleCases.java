package org.bangban.caseapi;

import java.util.Locale;
import java.util.Optional;
import org.bangban.cases.CaseNumber;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.Cases;
import org.bangban.http.ApiError;
import org.bangban.identity.Principal;

/**
 * Finds a case for a caller through {@link CaseAccess}: a case the caller may not see is answered exactly like a
 * number that does not exist (same status, code and message), so nobody learns which numbers exist.
 */
final class VisibleCases {
    private final Cases cases;
    private final Teams teams;

    VisibleCases(Cases cases, Teams teams) {
        this.cases = cases;
        this.teams = teams;
    }

    Teams teams() {
        return teams;
    }

    /** The case, if the caller may see it; else 404 {@code not_found}. */
    CaseRecord visible(Principal p, String number) {
        return visible(teams.viewerOf(p), number);
    }

    CaseRecord visible(CaseAccess.Viewer v, String number) {
        String n = CaseNumber.parse(number.toUpperCase(Locale.ROOT)).value();
        Optional<CaseRecord> found = cases.find(n);
        if (found.isEmpty() || !CaseAccess.canSee(v, found.get().applicantId(), found.get().helpers())) {
            throw notFound(n);
        }
        return found.get();
    }

    /** The case, if the caller may work on it: 404 when it may not even see it, 403 when it only sees it. */
    CaseRecord workable(Principal p, String number) {
        CaseAccess.Viewer v = teams.viewerOf(p);
        CaseRecord r = visible(v, number);
        if (!CaseAccess.canWork(v, r.helpers())) {
            throw ApiError.forbidden("only a supervisor or a current (primary or assisting) helper of case "
                    + r.number() + " may change it; ask a supervisor to assign you");
        }
        return r;
    }

    /** The one answer for a missing case and for a case the caller may not see. */
    static ApiError notFound(String number) {
        return ApiError.notFound("there is no case " + number + "; check the number (it looks like BB-20261126-000123)");
    }
}
