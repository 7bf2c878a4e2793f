package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;

/** Outcome of {@link SdpOfferBuilder#applyAnswer}: the browser's answer checked against the relay's offer. */
public sealed interface AppliedAnswerResult permits AppliedAnswerResult.Applied, Refusal {

    /** The browser's transport parameters and one {@link NegotiatedMedia} per accepted m-line, in order. */
    record Applied(RemoteTransport remote, List<NegotiatedMedia> media) implements AppliedAnswerResult {
        public Applied {
            Objects.requireNonNull(remote, "remote");
            media = List.copyOf(media);
        }
    }
}
