package org.bangban.relay.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixed relay parameters and scenarios shared by the tests and by {@link SdpCaptureTool} (which the browser
 * capture script runs), so a test can rebuild exactly the relay descriptions a real browser was given.
 */
final class SdpFixtures {

    static final String RESOURCE_DIR = "/sdp/";

    private SdpFixtures() {
    }

    static LocalParameters local() {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest("bangban relay test certificate".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new LocalParameters("RlyA", "relayTestPassword0123456", Fingerprint.sha256(digest), List.of(
                Candidate.host("1", "udp", Candidate.priority(126, 65535, 1), "127.0.0.1", 40000),
                Candidate.host("2", "tcp", Candidate.priority(90, 65535, 1), "127.0.0.1", 40000)), 4242424242L);
    }

    /** Relay tracks for every mid of {@code offer} on which the browser receives. */
    static Map<String, SendStream> sendOnEveryReceivingMid(SessionDescription offer) {
        Map<String, SendStream> out = new LinkedHashMap<>();
        int i = 0;
        for (MediaSection m : offer.media()) {
            if (m.mid().isPresent() && m.effectiveDirection().receives() && m.kind() != MediaKind.APPLICATION) {
                out.put(m.mid().get(), stream(m.mid().get(), i++));
            }
        }
        return out;
    }

    static SendStream stream(String label, int index) {
        return new SendStream(1000 + 10L * index, 1001 + 10L * index, "relay-stream-" + label,
                "relay-track-" + label, "relaycname");
    }

    static final RtpCodec OPUS = new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
            List.of("transport-cc"), RtpCodec.NO_RTX);
    static final RtpCodec VP8 = new RtpCodec(96, "VP8", 90000, 0, "",
            List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), 97);
    static final RtpCodec H264 = new RtpCodec(108, "H264", 90000, 0,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), 109);
    static final List<Extmap> AUDIO_EXTENSIONS = List.of(Extmap.of(1, Extmap.SSRC_AUDIO_LEVEL),
            Extmap.of(2, Extmap.ABS_SEND_TIME), Extmap.of(3, Extmap.TRANSPORT_WIDE_CC), Extmap.of(4, Extmap.SDES_MID));
    static final List<Extmap> VIDEO_EXTENSIONS = List.of(Extmap.of(2, Extmap.ABS_SEND_TIME),
            Extmap.of(3, Extmap.TRANSPORT_WIDE_CC), Extmap.of(4, Extmap.SDES_MID));

    /** A supervisor's first offer: audio and camera sending, a second video slot waiting for a screen share. */
    static List<TrackSlot> supervisorSlots() {
        return List.of(
                TrackSlot.sending("0", MediaKind.AUDIO, stream("a", 0), List.of(OPUS), AUDIO_EXTENSIONS),
                TrackSlot.sending("1", MediaKind.VIDEO, stream("v", 1), List.of(VP8, H264), VIDEO_EXTENSIONS),
                TrackSlot.inactive("2", MediaKind.VIDEO, List.of(VP8, H264), VIDEO_EXTENSIONS));
    }

    /** The supervisor's next offer: audio stops, the camera goes, the screen share arrives in the waiting slot. */
    static List<TrackSlot> supervisorNextSlots() {
        List<TrackSlot> first = supervisorSlots();
        return List.of(first.get(0).stop(), first.get(1).withoutTrack(), first.get(2).withTrack(stream("s", 2)));
    }

    /** Tracks the relay adds to a session a browser started (it publishes and now also receives). */
    static List<TrackSlot> addedSlots() {
        return List.of(
                TrackSlot.sending("r1", MediaKind.AUDIO, stream("r1", 5), List.of(OPUS), AUDIO_EXTENSIONS),
                TrackSlot.sending("r2", MediaKind.VIDEO, stream("r2", 6), List.of(VP8, H264), VIDEO_EXTENSIONS));
    }

    static String resource(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the stored {@code .sdp} files whose name ends with {@code suffix}, sorted. */
    static List<String> resources(String suffix) {
        URL dir = SdpFixtures.class.getResource(RESOURCE_DIR);
        if (dir == null) {
            throw new IllegalStateException("missing test resource folder " + RESOURCE_DIR);
        }
        try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
            List<String> out = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SessionDescription parsed(String sdp) {
        SdpParseResult r = SdpParser.parse(sdp);
        if (r instanceof SdpParseResult.Invalid invalid) {
            throw new AssertionError("expected valid SDP: " + invalid.message());
        }
        return ((SdpParseResult.Parsed) r).description();
    }
}
