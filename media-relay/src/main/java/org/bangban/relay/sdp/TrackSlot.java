package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One m-line the relay offers to send on: its mid and kind, the track it sends now (empty: the m-line stays but is
 * inactive, ready for the next track of the same kind), the codecs with the payload types the relay uses, and the
 * header extensions with their ids. {@code stopped} gives the m-line port 0 for good (unified plan never removes
 * an m-line; a stopped mid cannot be revived). Empty {@code codecs}/{@code headerExtensions} on a slot that
 * updates an m-line of the previous description keep that m-line's.
 */
public record TrackSlot(String mid, MediaKind kind, Optional<SendStream> stream, List<RtpCodec> codecs,
                        List<Extmap> headerExtensions, boolean stopped) {

    public TrackSlot {
        Objects.requireNonNull(mid, "mid");
        if (!SdpParser.isToken(mid)) {
            throw new IllegalArgumentException("mid must be a non-empty token: " + mid);
        }
        if (kind != MediaKind.AUDIO && kind != MediaKind.VIDEO) {
            throw new IllegalArgumentException("a track slot is audio or video, not " + kind);
        }
        Objects.requireNonNull(stream, "stream");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
    }

    public static TrackSlot sending(String mid, MediaKind kind, SendStream stream, List<RtpCodec> codecs,
                                    List<Extmap> headerExtensions) {
        return new TrackSlot(mid, kind, Optional.of(stream), codecs, headerExtensions, false);
    }

    public static TrackSlot inactive(String mid, MediaKind kind, List<RtpCodec> codecs, List<Extmap> headerExtensions) {
        return new TrackSlot(mid, kind, Optional.empty(), codecs, headerExtensions, false);
    }

    /** The same m-line with no track: offered {@code a=inactive} (or {@code recvonly} if the browser sends on it). */
    public TrackSlot withoutTrack() {
        return new TrackSlot(mid, kind, Optional.empty(), codecs, headerExtensions, stopped);
    }

    /** The same m-line carrying another track (recycling an inactive m-line of the same kind). */
    public TrackSlot withTrack(SendStream value) {
        return new TrackSlot(mid, kind, Optional.of(value), codecs, headerExtensions, stopped);
    }

    /** The same m-line stopped: port 0 from now on. */
    public TrackSlot stop() {
        return new TrackSlot(mid, kind, Optional.empty(), codecs, headerExtensions, true);
    }
}
