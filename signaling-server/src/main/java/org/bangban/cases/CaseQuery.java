package org.bangban.cases;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.bangban.queue.ServiceKind;

/**
 * A search of the case log ({@link Cases#search}): every given criterion must hold (null = any); newest first
 * (by creation time, then number); {@code limit} 1 to {@value #MAX_LIMIT} from {@code offset}. Start from
 * {@link #all()} and narrow with the {@code with…} methods.
 *
 * @param createdFrom inclusive
 * @param createdTo   exclusive
 * @param helperId    a case this helper is or was a helper of, in any role
 * @param kind        帮办 or 代办
 * @param channel     where the case came from
 * @param helperScope a case one of these helpers is or was a helper of, in any role (e.g. a helper's team);
 *                    null = any; an empty set matches nothing. At most {@value #MAX_SCOPE} ids.
 */
public record CaseQuery(String number, String applicantId, String itemId, String department, CaseState state,
                        Instant createdFrom, Instant createdTo, String helperId, ServiceKind kind, Channel channel,
                        Set<String> helperScope, int offset, int limit) {
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_SCOPE = 1000;

    public CaseQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CaseException(CaseException.Code.INVALID, "a case search returns 1 to " + MAX_LIMIT
                    + " cases at a time, " + limit + " were asked; page with the offset");
        }
        if (offset < 0) throw new CaseException(CaseException.Code.INVALID, "a search offset cannot be negative");
        if (number != null) CaseNumber.parse(number);
        if (helperScope != null) {
            if (helperScope.size() > MAX_SCOPE) {
                throw new CaseException(CaseException.Code.INVALID, "a case search is limited to the cases of at most "
                        + MAX_SCOPE + " helpers, " + helperScope.size() + " were given");
            }
            helperScope = Set.copyOf(new TreeSet<>(helperScope));
        }
    }

    /** Every case, the first {@value #DEFAULT_LIMIT}. */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, null, null, null, null, 0, DEFAULT_LIMIT);
    }

    public CaseQuery withNumber(String v) {
        return new CaseQuery(v, applicantId, itemId, department, state, createdFrom, createdTo, helperId, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withApplicant(String v) {
        return new CaseQuery(number, v, itemId, department, state, createdFrom, createdTo, helperId, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withItem(String v) {
        return new CaseQuery(number, applicantId, v, department, state, createdFrom, createdTo, helperId, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withDepartment(String v) {
        return new CaseQuery(number, applicantId, itemId, v, state, createdFrom, createdTo, helperId, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withState(CaseState v) {
        return new CaseQuery(number, applicantId, itemId, department, v, createdFrom, createdTo, helperId, kind,
                channel, helperScope, offset, limit);
    }

    public CaseQuery createdBetween(Instant from, Instant to) {
        return new CaseQuery(number, applicantId, itemId, department, state, from, to, helperId, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withHelper(String v) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, v, kind, channel,
                helperScope, offset, limit);
    }

    public CaseQuery withKind(ServiceKind v) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, helperId, v,
                channel, helperScope, offset, limit);
    }

    public CaseQuery withChannel(Channel v) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, helperId, kind, v,
                helperScope, offset, limit);
    }

    /** Only cases one of these helpers is or was a helper of (null = no such limit). */
    public CaseQuery withinHelpers(Set<String> v) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, helperId, kind,
                channel, v, offset, limit);
    }

    public CaseQuery page(int newOffset, int newLimit) {
        return new CaseQuery(number, applicantId, itemId, department, state, createdFrom, createdTo, helperId, kind,
                channel, helperScope, newOffset, newLimit);
    }
}
