package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the relay accepts from a browser offer: Opus 48000/2 for audio (in-band FEC forced on), VP8 and
 * constrained-baseline H264 packetization-mode=1 for video (42e01f preferred), each with its RTX; a fixed set of
 * RTCP feedback and header extensions. Payload type numbers and extension ids are the offer's.
 */
final class CodecPolicy {

    /**
     * No transport-cc: the relay does not terminate transport-wide congestion control. Senders adapt
     * to REMB instead, which the relay forwards from the receivers (docs/decisions.md).
     */
    static final Set<String> FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb");
    static final Set<String> EXTENSIONS = Set.of(Extmap.SDES_MID, Extmap.ABS_SEND_TIME, Extmap.SSRC_AUDIO_LEVEL);

    private static final String PREFERRED_H264_PROFILE = "42e01f";

    private CodecPolicy() {
    }

    /** The codecs to answer with, relay preference first; empty when nothing in the offer is acceptable. */
    static List<RtpCodec> select(MediaSection offer) {
        return switch (offer.kind()) {
            case AUDIO -> audio(offer);
            case VIDEO -> video(offer);
            default -> List.of();
        };
    }

    private static List<RtpCodec> audio(MediaSection offer) {
        for (PayloadType pt : offer.payloadTypes()) {
            if (pt.is("opus", 48000) && pt.rtpmap().orElseThrow().channels() == 2) {
                return List.of(new RtpCodec(pt.number(), pt.encodingName(), 48000, 2, opusFmtp(pt), feedback(pt),
                        RtpCodec.NO_RTX));
            }
        }
        return List.of();
    }

    /** minptime and usedtx as offered, useinbandfec always 1. */
    private static String opusFmtp(PayloadType pt) {
        List<String> parts = new ArrayList<>();
        boolean fec = false;
        for (Map.Entry<String, String> e : pt.fmtpParameters().entrySet()) {
            switch (e.getKey()) {
                case "minptime", "usedtx" -> parts.add(e.getKey() + "=" + e.getValue());
                case "useinbandfec" -> {
                    parts.add("useinbandfec=1");
                    fec = true;
                }
                default -> {
                    // dropped: the relay forwards, it does not promise stereo, playback rates, ...
                }
            }
        }
        if (!fec) {
            parts.add("useinbandfec=1");
        }
        return String.join(";", parts);
    }

    private static List<RtpCodec> video(MediaSection offer) {
        List<RtpCodec> out = new ArrayList<>(2);
        PayloadType vp8 = null;
        PayloadType h264 = null;
        int h264Rank = Integer.MAX_VALUE;
        for (PayloadType pt : offer.payloadTypes()) {
            if (vp8 == null && pt.is("VP8", 90000)) {
                vp8 = pt;
            } else if (pt.is("H264", 90000) && "1".equals(pt.fmtpParameter("packetization-mode").orElse("0"))) {
                String profile = pt.fmtpParameter("profile-level-id").orElse("");
                int rank = profile.equalsIgnoreCase(PREFERRED_H264_PROFILE) ? 0
                        : isConstrainedBaseline(profile) ? 1 : Integer.MAX_VALUE;
                if (rank < h264Rank) {
                    h264 = pt;
                    h264Rank = rank;
                }
            }
        }
        if (vp8 != null) {
            out.add(RtpCodec.of(vp8, feedback(vp8), rtxFor(offer, vp8)));
        }
        if (h264 != null) {
            out.add(RtpCodec.of(h264, feedback(h264), rtxFor(offer, h264)));
        }
        return out;
    }

    /**
     * RFC 6184 profile-level-id (6 hex digits: profile_idc, profile-iop, level_idc) that signals Constrained
     * Baseline: 42 with constraint_set1, 4D with constraint_set0, or 58 with constraint_set0 and set1.
     */
    static boolean isConstrainedBaseline(String profileLevelId) {
        if (profileLevelId.length() != 6) {
            return false;
        }
        int idc;
        int iop;
        try {
            idc = Integer.parseInt(profileLevelId.substring(0, 2), 16);
            iop = Integer.parseInt(profileLevelId.substring(2, 4), 16);
            Integer.parseInt(profileLevelId.substring(4, 6), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        return (idc == 0x42 && (iop & 0x4F) == 0x40) || (idc == 0x4D && (iop & 0x8F) == 0x80)
                || (idc == 0x58 && (iop & 0xCF) == 0xC0);
    }

    private static int rtxFor(MediaSection offer, PayloadType main) {
        String apt = Integer.toString(main.number());
        for (PayloadType pt : offer.payloadTypes()) {
            if (pt.is("rtx", main.rtpmap().orElseThrow().clockRate())
                    && apt.equals(pt.fmtpParameter("apt").orElse(""))) {
                return pt.number();
            }
        }
        return RtpCodec.NO_RTX;
    }

    static List<String> feedback(PayloadType pt) {
        List<String> out = new ArrayList<>();
        for (String fb : pt.rtcpFeedback()) {
            if (FEEDBACK.contains(fb) && !out.contains(fb)) {
                out.add(fb);
            }
        }
        return out;
    }

    /** The offered extensions the relay keeps, same ids, direction mirrored for the answer. */
    static List<Extmap> extensions(MediaSection offer) {
        List<Extmap> out = new ArrayList<>();
        for (Extmap e : offer.extmaps()) {
            if (EXTENSIONS.contains(e.uri())) {
                out.add(new Extmap(e.id(), e.direction().map(Direction::reversed), e.uri(), Optional.empty()));
            }
        }
        return out;
    }

    /** The offered codec names for a warning, e.g. {@code VP9/90000, AV1/90000}. */
    static String offeredCodecs(MediaSection offer) {
        List<String> names = new ArrayList<>();
        for (PayloadType pt : offer.payloadTypes()) {
            String name = pt.rtpmap().map(RtpMap::toSdpValue).orElse("pt " + pt.number());
            if (!pt.isRtx()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
