package org.bangban.relay.media;

import org.bangban.relay.sdp.Extmap;
import org.bangban.relay.sdp.RtpCodec;

import java.util.List;

/**
 * What the relay offers on its subscribe transports: Opus for audio; VP8 then H264
 * (constrained baseline, packetization-mode 1) with RTX for video; NACK, PLI, FIR and REMB
 * feedback; mid, abs-send-time and audio-level header extensions with fixed ids (one BUNDLE
 * group needs one id per URI).
 */
final class RelayCodecs {

    static final int MID_ID = 4;
    static final int ABS_SEND_TIME_ID = 2;
    static final int AUDIO_LEVEL_ID = 1;

    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "ccm fir", "nack", "nack pli");

    static final List<RtpCodec> AUDIO = List.of(
            new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of(), RtpCodec.NO_RTX));
    static final List<RtpCodec> VIDEO = List.of(
            new RtpCodec(96, "VP8", 90000, 0, "", VIDEO_FEEDBACK, 97),
            new RtpCodec(102, "H264", 90000, 0, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                    VIDEO_FEEDBACK, 103));
    static final List<Extmap> AUDIO_EXTENSIONS = List.of(Extmap.of(AUDIO_LEVEL_ID, Extmap.SSRC_AUDIO_LEVEL),
            Extmap.of(ABS_SEND_TIME_ID, Extmap.ABS_SEND_TIME), Extmap.of(MID_ID, Extmap.SDES_MID));
    static final List<Extmap> VIDEO_EXTENSIONS = List.of(Extmap.of(ABS_SEND_TIME_ID, Extmap.ABS_SEND_TIME),
            Extmap.of(MID_ID, Extmap.SDES_MID));

    private RelayCodecs() {
    }

    /** The payload map of negotiated codecs (relay-known codecs only). */
    static PayloadMap payloads(List<RtpCodec> codecs) {
        PayloadMap map = PayloadMap.empty();
        for (RtpCodec c : codecs) {
            Codec codec = Codec.ofEncoding(c.name());
            if (codec != null && map.pt(codec) == PayloadMap.NONE) {
                map = map.with(codec, c.payloadType(), c.hasRtx() ? c.rtxPayloadType() : PayloadMap.NONE);
            }
        }
        return map;
    }

    static ExtensionIds extensions(org.bangban.relay.sdp.NegotiatedMedia m) {
        return new ExtensionIds(m.extensionId(Extmap.SDES_MID).orElse(0),
                m.extensionId(Extmap.ABS_SEND_TIME).orElse(0),
                m.extensionId(Extmap.SSRC_AUDIO_LEVEL).orElse(0));
    }
}
