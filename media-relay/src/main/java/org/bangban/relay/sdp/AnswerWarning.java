package org.bangban.relay.sdp;

import java.util.Objects;

/** Why the answerer rejected one m-line of an otherwise accepted offer (port 0 in the answer). */
public record AnswerWarning(String mid, Reason reason, String detail) {

    public AnswerWarning {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Bounded set, usable as a metrics tag. */
    public enum Reason {
        /** {@code m=application} (SCTP data channel): the relay carries no data channels. */
        DATA_CHANNEL_REFUSED,
        /** A media kind other than audio, video, application. */
        UNSUPPORTED_MEDIA,
        /** Not DTLS-SRTP with RTCP feedback ({@code UDP/TLS/RTP/SAVPF}). */
        UNSUPPORTED_PROTOCOL,
        /** Audio without Opus 48000/2, video without VP8 or constrained-baseline H264 packetization-mode=1. */
        NO_COMMON_CODEC
    }
}
