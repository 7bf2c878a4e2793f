package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A track the relay sends on one m-line: its SSRC, its RTX SSRC ({@link #NO_SSRC} for none), the msid stream and
 * track ids the receiving browser will see, and the RTCP CNAME.
 */
public record SendStream(long ssrc, long rtxSsrc, String streamId, String trackId, String cname) {

    public static final long NO_SSRC = -1;

    public SendStream {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < NO_SSRC || rtxSsrc > 0xFFFF_FFFFL || rtxSsrc == ssrc) {
            throw new IllegalArgumentException("SSRCs must be distinct 32-bit values");
        }
        requireToken(streamId, "streamId");
        requireToken(trackId, "trackId");
        requireToken(cname, "cname");
    }

    private static void requireToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces");
        }
    }

    public boolean hasRtx() {
        return rtxSsrc != NO_SSRC;
    }

    /** Writes msid, FID group (when {@code withRtx}) and ssrc lines into {@code b}. */
    void describeIn(MediaSection.Builder b, boolean withRtx) {
        Msid msid = Msid.of(streamId, trackId);
        b.msids(List.of(msid));
        List<SsrcAttribute> ssrcs = new ArrayList<>();
        ssrcs.add(SsrcAttribute.of(ssrc, "cname", cname));
        ssrcs.add(SsrcAttribute.of(ssrc, "msid", msid.toSdpValue()));
        if (withRtx && hasRtx()) {
            b.ssrcGroups(List.of(new SsrcGroup(SsrcGroup.FID, List.of(ssrc, rtxSsrc))));
            ssrcs.add(SsrcAttribute.of(rtxSsrc, "cname", cname));
            ssrcs.add(SsrcAttribute.of(rtxSsrc, "msid", msid.toSdpValue()));
        } else {
            b.ssrcGroups(List.of());
        }
        b.ssrcAttributes(ssrcs);
    }
}
