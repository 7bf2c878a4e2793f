package org.bangban.cases;

import java.time.Instant;

/** A helper of a case (table {@code case_helper}): who, as what, since when. */
public record CaseHelper(String helperId, HelperRole role, Instant since) {
}
