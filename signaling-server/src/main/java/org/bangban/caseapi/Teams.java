package org.bangban.caseapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.identity.StaffAccount;
import org.bangban.identity.StaffAccounts;

/**
 * A caller as {@link CaseAccess} sees it: for a helper, its team — the enabled helpers sharing at least one group
 * 分组 with it (read from the staff accounts at each call, so a group change counts at once).
 */
final class Teams {
    private final StaffAccounts accounts;

    Teams(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    CaseAccess.Viewer viewerOf(Principal p) {
        switch (p.role()) {
            case SUPERVISOR:
                return CaseAccess.Viewer.supervisor(p.id());
            case HELPER:
                return CaseAccess.Viewer.helper(p.id(), teamOf(p.id()));
            default:
                return CaseAccess.Viewer.applicant(p.id());
        }
    }

    /** The helpers sharing a group with this one, itself included. */
    Set<String> teamOf(String helperId) {
        Set<String> team = new HashSet<>();
        team.add(helperId);
        Optional<StaffAccount> me = accounts.findById(helperId);
        if (me.isEmpty() || me.get().groups().isEmpty()) return team;
        Set<String> groups = me.get().groups();
        for (StaffAccount a : accounts.listHelpers()) {
            if (!Collections.disjoint(a.groups(), groups)) team.add(a.id());
        }
        return team;
    }

    /**
     * Adds {@code helperName} (the account's display name; null when there is no such account) next to the
     * {@code helperId} of each object in these arrays, with one look-up for all — the names of helpers who are
     * logged out too, which the live state does not know.
     */
    void addNames(JsonNode... arrays) {
        List<ObjectNode> holders = new ArrayList<>();
        for (JsonNode a : arrays) {
            if (a == null) continue;
            for (JsonNode n : a) if (n instanceof ObjectNode o && o.hasNonNull("helperId")) holders.add(o);
        }
        if (holders.isEmpty()) return;
        Map<String, String> names = accounts.displayNames(holders.stream().map(o -> o.get("helperId").asText()).toList());
        for (ObjectNode o : holders) o.put("helperName", names.get(o.get("helperId").asText()));
    }

    /** The enabled helper account with this id, if there is one. */
    Optional<StaffAccount> helper(String id) {
        return accounts.findById(id).filter(a -> a.role() == Role.HELPER && !a.disabled());
    }
}
