package org.bangban.cases;

import java.time.Instant;

/**
 * A search of the case log ({@link Cases#search}): every given criterion must hold (null = any); newest first
 * (by creation time, then number); {@code limit} 1 to {@value #MAX_LIMIT} from {@code offset}. Start from
 * {@link #all()} and narrow with the {@code with…} methods.
 *
 * @param createdFrom inclusive
 * @param createdTo   exclusive
 * @param helperId    a case this helper is or was a helper of, in any role
 */
public record CaseQuery(String number, String applicantId, String itemId, String department, CaseState state,
                        Instant createdFrom, Instant createdTo, String helperId, int offset, int limit) {
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public CaseQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CaseException(CaseException.Code.INVALID, "a case search returns 1 to " + MAX_LIMIT
                    + " cases at a time, " + limit + " were asked; page with the offset");
        }
        if (offset < 0) throw new CaseException(CaseException.Code.INVALID, "a search offset cannot be negative");
        if (number != null) CaseNumber.parse(number);
    }

    /** Every case, the first {@value #DEFAULT_LIMIT}. */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, null, 0, DEFAULT_LIMIT);
    }

    public CaseQuery withNumber(String v) {
        return new CaseQuery(v, applicantId, itemId, department, state, createdFrom, createdTo, helperId, offset, limit);
    }

    public CaseQuery withApplicant(String v) {
        return new CaseQuery(number, v, itemId, department, state, createdFrom, createdTo, helperId, offset, limit);
    }

    public CaseQuery withItem(String v) {
        return new CaseQuery(number, applicantId, v, department, state, createdFrom, createdTo, helperId, offset, limit);
    }

    public CaseQuery withDepartment(String v) {
        return new CaseQuery(number, applicantId, itemId, v, state, createdFrom, createdTo, helperId, offset, limit);
    }

    public CaseQuery withState(CaseState v) {
        return new CaseQuery(number, applicantId, itemId, department, v, createdFrom, createdTo, helperId, offset, limit);
    }

    /** Created at or after {@code from} and before {@code to}; either may be null. */
    public CaseQuery createdBetween(Instant from, Instant to) {
        return new CaseQuery(number, applicantId, itemId, department, state, from, to, helperId, offset, limit);
    }

    public CaseQuery withHelper(String v) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, v, offset, limit);
    }

    public CaseQuery page(int newOffset, int newLimit) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, helperId,
                newOffset, newLimit);
    }
}
