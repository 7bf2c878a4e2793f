package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Outcome of {@link SdpAnswerer#answer}: an answer with what the relay needs to route, or a {@link Refusal}. */
public sealed interface AnswerResult permits AnswerResult.Answered, Refusal {

    /**
     * The answer to send back, the browser's transport parameters, one {@link NegotiatedMedia} per accepted m-line
     * (in m-line order), and a warning per m-line the answer rejected.
     */
    record Answered(SessionDescription answer, RemoteTransport remote, List<NegotiatedMedia> media,
                    List<AnswerWarning> warnings) implements AnswerResult {
        public Answered {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(remote, "remote");
            media = List.copyOf(media);
            warnings = List.copyOf(warnings);
        }

        /** The answer as SDP text. */
        public String sdp() {
            return answer.toSdp();
        }

        public Optional<NegotiatedMedia> media(String mid) {
            for (NegotiatedMedia m : media) {
                if (m.mid().equals(mid)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }
}
