package org.bangban.relay.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.sdp.SdpFixtures.parsed;
import static org.bangban.relay.sdp.SdpFixtures.resource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bangban.relay.sdp.SdpParseResult.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserTest {

    static final String CHROMIUM_OFFER = "chromium-156-av-sendrecv-offer.sdp";
    static final String FIREFOX_OFFER = "firefox-153esr-av-sendrecv-offer.sdp";

    static Stream<String> storedDescriptions() {
        return SdpFixtures.resources(".sdp").stream();
    }

    @Test
    void everyCaptureIsThere() {
        // one file per browser and case; the capture script writes them all
        assertThat(SdpFixtures.resources("-offer.sdp")).hasSizeGreaterThanOrEqualTo(2 * 5);
        assertThat(SdpFixtures.resources("-answer.sdp")).hasSizeGreaterThanOrEqualTo(2 * 3);
    }

    @ParameterizedTest
    @MethodSource("storedDescriptions")
    void roundTripIsLossless(String name) {
        String text = resource(name);
        SessionDescription first = parsed(text);
        String written = first.toSdp();
        assertThat(parsed(written)).isEqualTo(first);
        assertThat(written).endsWith("\r\n");
        assertThat(written.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        // every line of the capture survives, possibly in another place
        assertThat(written.split("\r\n")).containsExactlyInAnyOrder(text.split("\r?\n"));
    }

    @ParameterizedTest
    @MethodSource("storedDescriptions")
    void descriptionsTheRelayMadeAreWrittenBackByteForByte(String name) {
        if (name.contains("-relay-")) {
            String text = resource(name);
            assertThat(parsed(text).toSdp()).isEqualTo(text);
        }
    }

    @Test
    void chromiumOfferIsUnderstood() {
        SessionDescription d = parsed(resource(CHROMIUM_OFFER));
        assertThat(d.bundleGroup()).map(Group::mids).contains(List.of("0", "1"));
        assertThat(d.attributes()).extracting(Attribute::name).contains("extmap-allow-mixed", "msid-semantic");
        MediaSection audio = d.media().get(0);
        MediaSection video = d.media().get(1);
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.transport().setup()).contains(Setup.ACTPASS);
        assertThat(audio.transport().fingerprints()).singleElement()
                .satisfies(f -> assertThat(f.algorithm()).isEqualTo("sha-256"))
                .satisfies(f -> assertThat(f.digest()).hasSize(32));
        assertThat(audio.transport().iceOptions()).containsExactly("trickle");
        PayloadType opus = audio.payloadType(111).orElseThrow();
        assertThat(opus.rtpmap()).contains(new RtpMap("opus", 48000, 2));
        assertThat(opus.fmtpParameter("useinbandfec")).contains("1");
        assertThat(opus.rtcpFeedback()).containsExactly("transport-cc");
        assertThat(audio.formats()).hasSameSizeAs(audio.payloadTypes());
        assertThat(audio.extmaps()).contains(Extmap.of(4, Extmap.SDES_MID));
        assertThat(audio.attribute("rtcp")).map(Attribute::value).contains(Optional.of("9 IN IP4 0.0.0.0"));
        assertThat(audio.candidates()).isNotEmpty().allSatisfy(c -> assertThat(c.component()).isEqualTo(1));
        assertThat(audio.candidates()).anySatisfy(c -> assertThat(c.tcpType()).contains("active"));
        assertThat(audio.candidates().get(0).extensions()).contains("generation", "network-id");
        assertThat(video.ssrcGroups()).singleElement().satisfies(g -> {
            assertThat(g.semantics()).isEqualTo(SsrcGroup.FID);
            assertThat(g.ssrcs()).hasSize(2);
        });
        assertThat(video.msids()).singleElement().satisfies(m -> assertThat(m.trackId()).isPresent());
        assertThat(video.payloadTypes()).anySatisfy(pt -> assertThat(pt.isRtx()).isTrue());
    }

    @Test
    void firefoxOfferIsUnderstood() {
        SessionDescription d = parsed(resource(FIREFOX_OFFER));
        assertThat(d.origin().username()).startsWith("mozilla");
        // Firefox writes the fingerprint at session level and ICE credentials per m-line
        assertThat(d.transport().fingerprints()).hasSize(1);
        MediaSection audio = d.media().get(0);
        assertThat(audio.transport().fingerprints()).isEmpty();
        assertThat(d.effectiveTransport(audio).fingerprints()).isEqualTo(d.transport().fingerprints());
        assertThat(d.effectiveTransport(audio).iceUfrag()).isEqualTo(audio.transport().iceUfrag());
        assertThat(d.attributes()).extracting(Attribute::name).contains("sendrecv", "msid-semantic");
        assertThat(audio.extmaps()).anySatisfy(e -> assertThat(e.direction()).contains(Direction.RECVONLY));
        // fmtp lines come before rtpmap lines in Firefox offers
        PayloadType opus = audio.payloadType(109).orElseThrow();
        assertThat(opus.is("opus", 48000)).isTrue();
        assertThat(opus.fmtpParameters()).containsEntry("useinbandfec", "1").containsEntry("stereo", "1");
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.candidates()).anySatisfy(c -> assertThat(c.component()).isEqualTo(2));
    }

    @Test
    void acceptsBareLineFeeds() {
        String crlf = resource(CHROMIUM_OFFER);
        assertThat(parsed(crlf.replace("\r\n", "\n"))).isEqualTo(parsed(crlf));
    }

    @Test
    void keepsUnknownAttributesAndRtpmapsOfUnlistedPayloadTypes() {
        String sdp = minimal("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=x-custom:1 2\r\na=rtpmap:112 foo/8000"
                + "\r\na=rtcp-fb:* nack\r\na=rtpmap:111 opus/48000/2\r\na=flag\r\n");
        MediaSection m = parsed(sdp).media().get(0);
        assertThat(m.attributes()).containsExactly(Attribute.of("x-custom", "1 2"), Attribute.of("rtpmap", "112 foo/8000"),
                Attribute.of("rtcp-fb", "* nack"), Attribute.flag("flag"));
        assertThat(m.payloadTypes()).singleElement().satisfies(pt -> assertThat(pt.number()).isEqualTo(111));
        assertThat(parsed(parsed(sdp).toSdp())).isEqualTo(parsed(sdp));
    }

    @Test
    void candidateFieldsAndExtensions() {
        MediaSection m = parsed(minimal("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=candidate:842163049 1 udp 1677729535 "
                + "203.0.113.7 61665 typ srflx raddr 192.168.1.2 rport 61665 generation 0 network-cost 999\r\n"))
                .media().get(0);
        Candidate c = m.candidates().get(0);
        assertThat(c.type()).isEqualTo("srflx");
        assertThat(c.priority()).isEqualTo(1677729535L);
        assertThat(c.relatedAddress()).contains("192.168.1.2");
        assertThat(c.relatedPort()).contains(61665);
        assertThat(c.extensions()).containsExactly("generation", "0", "network-cost", "999");
    }

    /** Each malformed input is refused with its own reason and the line at fault. */
    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputIsRefusedWithReasonAndLine(String sdp, Reason reason, int line) {
        SdpParseResult r = SdpParser.parse(sdp);
        assertThat(r).isInstanceOf(SdpParseResult.Invalid.class);
        SdpParseResult.Invalid invalid = (SdpParseResult.Invalid) r;
        assertThat(invalid.reason()).isEqualTo(reason);
        assertThat(invalid.line()).isEqualTo(line);
        assertThat(invalid.message()).contains(reason.name());
        if (line > 0) {
            assertThat(invalid.message()).contains("line " + line);
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> malformed() {
        String head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        String m = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
        return Stream.of(
                args(null, Reason.NULL_INPUT, 0),
                args("", Reason.EMPTY, 0),
                args("x".repeat(SdpParser.MAX_CHARS + 1), Reason.TOO_LARGE, 0),
                args(head + "a=" + "x".repeat(SdpParser.MAX_LINE_CHARS), Reason.LINE_TOO_LONG, 5),
                args(head + "a=foo\rbar\r\n", Reason.BAD_CHARACTER, 5),
                args(head + "\r\na=foo\r\n", Reason.BAD_LINE_SYNTAX, 5),
                args(head + "hello\r\n", Reason.BAD_LINE_SYNTAX, 5),
                args(head + "y=1\r\n", Reason.UNKNOWN_LINE_TYPE, 5),
                args(head + "v=0\r\n", Reason.LINE_OUT_OF_PLACE, 5),
                args(head + m + "t=0 0\r\n", Reason.LINE_OUT_OF_PLACE, 6),
                args("o=- 1 2 IN IP4 0.0.0.0\r\n", Reason.MISSING_VERSION, 1),
                args("v=1\r\n", Reason.BAD_VERSION, 1),
                args("v=0\r\n", Reason.MISSING_ORIGIN, 0),
                args("v=0\r\ns=-\r\n", Reason.MISSING_ORIGIN, 2),
                args("v=0\r\no=- 1 x IN IP4 0.0.0.0\r\n", Reason.BAD_ORIGIN, 2),
                args("v=0\r\no=- 1 IN IP4 0.0.0.0\r\n", Reason.BAD_ORIGIN, 2),
                args("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nt=0 0\r\n", Reason.MISSING_SESSION_NAME, 3),
                args("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\n", Reason.MISSING_TIMING, 0),
                args("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\n" + m, Reason.MISSING_TIMING, 4),
                args(head + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", Reason.BAD_MEDIA_LINE, 5),
                args(head + "m=audio 70000 UDP/TLS/RTP/SAVPF 0\r\n", Reason.BAD_MEDIA_LINE, 5),
                args(head + "m=audio 9 UDP/TLS/RTP/SAVPF 128\r\n", Reason.BAD_MEDIA_LINE, 5),
                args(head + "m=audio 9 UDP/TLS/RTP/SAVPF 0 0\r\n", Reason.BAD_MEDIA_LINE, 5),
                args(head + m + "a=\r\n", Reason.BAD_ATTRIBUTE, 6),
                args(head + m + "a=rtcp-mux:yes\r\n", Reason.BAD_ATTRIBUTE, 6),
                args(head + m + "a=mid\r\n", Reason.BAD_ATTRIBUTE, 6),
                args(head + m + "a=mid:0\r\na=mid:1\r\n", Reason.DUPLICATE_ATTRIBUTE, 7),
                args(head + m + "a=sendonly\r\na=recvonly\r\n", Reason.DUPLICATE_ATTRIBUTE, 7),
                args(head + m + "a=mid:a b\r\n", Reason.BAD_MID, 6),
                args(head + m + "a=mid:0\r\n" + m + "a=mid:0\r\n", Reason.DUPLICATE_MID, 8),
                args(head + m + "a=rtpmap:111 opus\r\n", Reason.BAD_RTPMAP, 6),
                args(head + m + "a=rtpmap:111 opus/x/2\r\n", Reason.BAD_RTPMAP, 6),
                args(head + m + "a=rtpmap:x opus/48000\r\n", Reason.BAD_RTPMAP, 6),
                args(head + m + "a=rtpmap:111 opus/48000\r\na=rtpmap:111 opus/48000\r\n", Reason.DUPLICATE_ATTRIBUTE, 7),
                args(head + m + "a=fmtp:111\r\n", Reason.BAD_FMTP, 6),
                args(head + m + "a=rtcp-fb:111\r\n", Reason.BAD_RTCP_FB, 6),
                args(head + m + "a=extmap:0 urn:x\r\n", Reason.BAD_EXTMAP, 6),
                args(head + m + "a=extmap:1/sideways urn:x\r\n", Reason.BAD_EXTMAP, 6),
                args(head + m + "a=extmap:1\r\n", Reason.BAD_EXTMAP, 6),
                args(head + m + "a=extmap:1 urn:x\r\na=extmap:1 urn:y\r\n", Reason.DUPLICATE_ATTRIBUTE, 7),
                args(head + m + "a=msid:a b c\r\n", Reason.BAD_MSID, 6),
                args(head + m + "a=ssrc:4294967296 cname:x\r\n", Reason.BAD_SSRC, 6),
                args(head + m + "a=ssrc:1\r\n", Reason.BAD_SSRC, 6),
                args(head + m + "a=ssrc-group:FID\r\n", Reason.BAD_SSRC_GROUP, 6),
                args(head + m + "a=ssrc-group:FID 1 x\r\n", Reason.BAD_SSRC_GROUP, 6),
                args(head + "a=group: \r\n", Reason.BAD_GROUP, 5),
                args(head + "a=ice-ufrag:ab\r\n", Reason.BAD_ICE_CREDENTIALS, 5),
                args(head + "a=ice-pwd:short\r\n", Reason.BAD_ICE_CREDENTIALS, 5),
                args(head + "a=ice-ufrag:abcd\r\na=ice-ufrag:abcd\r\n", Reason.DUPLICATE_ATTRIBUTE, 6),
                args(head + "a=ice-options: \r\n", Reason.BAD_ICE_OPTIONS, 5),
                args(head + "a=fingerprint:sha-256 XY:00\r\n", Reason.BAD_FINGERPRINT, 5),
                args(head + "a=fingerprint:sha-256\r\n", Reason.BAD_FINGERPRINT, 5),
                args(head + "a=setup:both\r\n", Reason.BAD_SETUP, 5),
                args(head + m + "a=candidate:1 1 udp 1 1.2.3.4 5 host\r\n", Reason.BAD_CANDIDATE, 6),
                args(head + m + "a=candidate:1 1 udp 1 1.2.3.4 99999 typ host\r\n", Reason.BAD_CANDIDATE, 6),
                args(head + m + "a=candidate:1 1 udp 1 1.2.3.4 5 typ host generation\r\n", Reason.BAD_CANDIDATE, 6),
                args(head + m + "a=candidate:1 1 udp 1 1.2.3.4 5 typ host rport 1 rport 2\r\n", Reason.BAD_CANDIDATE, 6));
    }

    @Test
    void tooManyMediaSectionsAreRefused() {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        for (int i = 0; i < SdpParser.MAX_MEDIA_SECTIONS; i++) {
            sb.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n");
        }
        SdpParseResult atLimit = SdpParser.parse(sb.toString());
        assertThat(atLimit instanceof SdpParseResult.Parsed p && p.description().media().size() == SdpParser.MAX_MEDIA_SECTIONS)
                .as("exactly the limit parses").isTrue();
        SdpParseResult over = SdpParser.parse(sb.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n").toString());
        assertThat(over instanceof SdpParseResult.Invalid i && i.reason() == Reason.TOO_MANY_MEDIA_SECTIONS)
                .as("one more is refused").isTrue();
    }

    private static org.junit.jupiter.params.provider.Arguments args(String sdp, Reason reason, int line) {
        return org.junit.jupiter.params.provider.Arguments.of(sdp, reason, line);
    }

    static String minimal(String media) {
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + media;
    }
}
