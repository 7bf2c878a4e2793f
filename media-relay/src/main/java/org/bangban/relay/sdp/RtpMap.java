package org.bangban.relay.sdp;

import java.util.Objects;

/** The codec named by {@code a=rtpmap:<pt> <name>/<clock>[/<channels>]}; {@code channels} is 0 when not written. */
public record RtpMap(String encodingName, int clockRate, int channels) {
    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
    }

    /** Case-insensitive match on name and clock rate. */
    public boolean is(String name, int clock) {
        return encodingName.equalsIgnoreCase(name) && clockRate == clock;
    }

    String toSdpValue() {
        return encodingName + "/" + clockRate + (channels > 0 ? "/" + channels : "");
    }
}
