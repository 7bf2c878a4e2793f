package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A codec as negotiated on one m-line: payload type, name, clock rate, channels (0 for video), the fmtp parameter
 * string ({@code ""} for none), the RTCP feedback kept, and the payload type of its RTX stream
 * ({@link #NO_RTX} for none).
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp,
                       List<String> rtcpFeedback, int rtxPayloadType) {

    public static final int NO_RTX = -1;

    public RtpCodec {
        if (payloadType < 0 || payloadType > 127 || rtxPayloadType < NO_RTX || rtxPayloadType > 127
                || rtxPayloadType == payloadType) {
            throw new IllegalArgumentException("payload types must be distinct values 0..127");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fmtp, "fmtp");
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public boolean hasRtx() {
        return rtxPayloadType != NO_RTX;
    }

    /** The m-line payload types for this codec: itself, then its RTX ({@code apt=}) if any. */
    List<PayloadType> toPayloadTypes() {
        List<PayloadType> out = new ArrayList<>(2);
        out.add(new PayloadType(payloadType, Optional.of(new RtpMap(name, clockRate, channels)),
                fmtp.isEmpty() ? Optional.empty() : Optional.of(fmtp), rtcpFeedback));
        if (hasRtx()) {
            out.add(new PayloadType(rtxPayloadType, Optional.of(new RtpMap("rtx", clockRate, 0)),
                    Optional.of("apt=" + payloadType), List.of()));
        }
        return out;
    }

    static List<PayloadType> toPayloadTypes(List<RtpCodec> codecs) {
        List<PayloadType> out = new ArrayList<>();
        for (RtpCodec c : codecs) {
            out.addAll(c.toPayloadTypes());
        }
        return out;
    }

    static RtpCodec of(PayloadType main, List<String> feedback, int rtxPayloadType) {
        RtpMap map = main.rtpmap().orElseThrow();
        return new RtpCodec(main.number(), map.encodingName(), map.clockRate(), map.channels(),
                main.fmtp().orElse(""), feedback, rtxPayloadType);
    }
}
