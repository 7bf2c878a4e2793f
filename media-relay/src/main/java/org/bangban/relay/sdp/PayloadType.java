package org.bangban.relay.sdp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP payload type of an m-line with what the description says about it: its {@code a=rtpmap} (absent for a
 * static type such as 0 = PCMU written without one), its {@code a=fmtp} parameter string as written, and its
 * {@code a=rtcp-fb} values in order (e.g. {@code nack}, {@code nack pli}).
 */
public record PayloadType(int number, Optional<RtpMap> rtpmap, Optional<String> fmtp, List<String> rtcpFeedback) {

    public PayloadType {
        Objects.requireNonNull(rtpmap, "rtpmap");
        Objects.requireNonNull(fmtp, "fmtp");
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    /** The encoding name from the rtpmap, empty if none. */
    public String encodingName() {
        return rtpmap.map(RtpMap::encodingName).orElse("");
    }

    /** A retransmission payload type ({@code rtx}, RFC 4588). */
    public boolean isRtx() {
        return encodingName().equalsIgnoreCase("rtx");
    }

    public boolean is(String name, int clock) {
        return rtpmap.isPresent() && rtpmap.get().is(name, clock);
    }

    /**
     * The fmtp parameters {@code key=value;key=value} with lower-cased keys, in order. A part without {@code =}
     * (such as {@code 0-15} or {@code 111/111}) becomes a key with an empty value.
     */
    public Map<String, String> fmtpParameters() {
        return parseParameters(fmtp.orElse(""));
    }

    public Optional<String> fmtpParameter(String key) {
        return Optional.ofNullable(fmtpParameters().get(key.toLowerCase(Locale.ROOT)));
    }

    static Map<String, String> parseParameters(String fmtp) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : fmtp.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.putIfAbsent(p.toLowerCase(Locale.ROOT), "");
            } else {
                out.putIfAbsent(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
