package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;

/** A session-level {@code a=group:<semantics> <mid>...} (RFC 5888), in WebRTC {@code BUNDLE}. */
public record Group(String semantics, List<String> mids) {
    public static final String BUNDLE = "BUNDLE";

    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    public boolean isBundle() {
        return BUNDLE.equals(semantics);
    }
}
