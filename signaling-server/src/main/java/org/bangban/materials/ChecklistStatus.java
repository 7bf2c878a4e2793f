package org.bangban.materials;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * For one case and its service item: which checklist entries the case's materials fulfil. Pure: made from the
 * item's checklist and the case's materials by {@link #of}.
 *
 * @param caseNumber the case
 * @param itemId     the service item whose checklist this is
 * @param entries    every checklist entry in list order, with the materials linked to it
 */
public record ChecklistStatus(String caseNumber, String itemId, List<EntryStatus> entries) {
    /**
     * One checklist entry and the ids of the case's materials that name it (oldest first).
     */
    public record EntryStatus(ChecklistEntry entry, List<String> materialIds) {
        public EntryStatus {
            Objects.requireNonNull(entry, "entry");
            materialIds = List.copyOf(materialIds);
        }

        /** At least one material fulfils the entry. */
        public boolean satisfied() {
            return !materialIds.isEmpty();
        }
    }

    public ChecklistStatus {
        entries = List.copyOf(entries);
    }

    /**
     * The status of a checklist given the case's materials; materials naming a key the checklist does not have are
     * not counted.
     */
    public static ChecklistStatus of(String caseNumber, String itemId, List<ChecklistEntry> checklist,
                                     List<Material> caseMaterials) {
        List<EntryStatus> entries = new ArrayList<>(checklist.size());
        for (ChecklistEntry e : checklist) {
            List<String> ids = caseMaterials.stream().filter(m -> e.key().equals(m.checklistKey()))
                    .map(Material::id).toList();
            entries.add(new EntryStatus(e, ids));
        }
        return new ChecklistStatus(caseNumber, itemId, entries);
    }

    /** The required entries no material fulfils yet, in list order. */
    public List<ChecklistEntry> missingRequired() {
        return entries.stream().filter(s -> s.entry().required() && !s.satisfied()).map(EntryStatus::entry).toList();
    }

    /** Every required entry is fulfilled (true for an empty checklist). */
    public boolean complete() {
        return missingRequired().isEmpty();
    }
}
