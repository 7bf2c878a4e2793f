package org.bangban.relay.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.sdp.SdpFixtures.parsed;
import static org.bangban.relay.sdp.SdpFixtures.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SdpAnswererTest {

    private static final Pattern CAPTURE = Pattern.compile("((?:chromium|firefox)-[^-]+)-(.+)-offer\\.sdp");
    /** Cases whose capture had the relay send on every m-line where the browser receives. */
    private static final Set<String> RELAY_SENDS = Set.of("av-sendrecv", "recvonly");
    private static final String CHROMIUM = "chromium-156-av-sendrecv-offer.sdp";
    private static final LocalParameters LOCAL = SdpFixtures.local();

    static Stream<String> browserOffers() {
        return SdpFixtures.resources("-offer.sdp").stream().filter(n -> !n.contains("-relay-"));
    }

    private static Map<String, SendStream> sendsFor(String name, SessionDescription offer) {
        Matcher m = CAPTURE.matcher(name);
        assertThat(m.matches()).as(name).isTrue();
        return RELAY_SENDS.contains(m.group(2)) ? SdpFixtures.sendOnEveryReceivingMid(offer) : Map.of();
    }

    private static AnswerResult.Answered answered(AnswerResult r) {
        if (r instanceof Refusal refusal) {
            throw new AssertionError("refused: " + refusal);
        }
        return (AnswerResult.Answered) r;
    }

    private static AnswerResult.Answered answer(String sdp) {
        return answered(SdpAnswerer.answer(sdp, LOCAL, Map.of(), 2));
    }

    private static Refusal refusal(String sdp) {
        AnswerResult r = SdpAnswerer.answer(sdp, LOCAL, Map.of(), 2);
        assertThat(r).isInstanceOf(Refusal.class);
        return (Refusal) r;
    }

    @ParameterizedTest
    @MethodSource("browserOffers")
    void answerToEveryCapturedOfferFollowsTheRules(String name) {
        SessionDescription offer = parsed(resource(name));
        Map<String, SendStream> sends = sendsFor(name, offer);
        AnswerResult.Answered result = answered(SdpAnswerer.answer(offer, LOCAL, sends, 2));
        SessionDescription answer = parsed(result.sdp());
        assertThat(answer).isEqualTo(result.answer());
        assertThat(answer.iceLite()).isTrue();
        assertThat(answer.media()).hasSameSizeAs(offer.media());
        List<String> live = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection o = offer.media().get(i);
            MediaSection a = answer.media().get(i);
            assertThat(a.mid()).isEqualTo(o.mid());
            assertThat(a.media()).isEqualTo(o.media());
            assertThat(a.protocol()).isEqualTo(o.protocol());
            String mid = o.mid().orElseThrow();
            if (a.isRejected()) {
                assertThat(result.warnings()).anySatisfy(w -> assertThat(w.mid()).isEqualTo(mid));
                assertThat(result.media(mid)).isEmpty();
                if (o.kind() == MediaKind.APPLICATION) {
                    assertThat(result.warnings()).anySatisfy(w -> assertThat(w.reason())
                            .isEqualTo(AnswerWarning.Reason.DATA_CHANNEL_REFUSED));
                }
                continue;
            }
            live.add(mid);
            assertAcceptedSectionFollowsPolicy(o, a, sends.containsKey(mid));
            NegotiatedMedia n = result.media(mid).orElseThrow();
            assertThat(n.kind()).isEqualTo(o.kind());
            assertThat(n.relayDirection()).isEqualTo(a.effectiveDirection());
            assertThat(RtpCodec.toPayloadTypes(n.codecs())).extracting(PayloadType::number)
                    .containsExactlyElementsOf(a.payloadTypes().stream().map(PayloadType::number).toList());
            assertThat(n.headerExtensions()).isEqualTo(a.extmaps());
            assertThat(n.remoteMsids()).isEqualTo(o.msids().isEmpty() ? n.remoteMsids() : o.msids());
            for (SsrcGroup fid : o.ssrcGroups()) {
                assertThat(n.remoteSsrcs()).contains(new RemoteSsrc(fid.ssrcs().get(0), fid.ssrcs().get(1)));
            }
            if (o.effectiveDirection().sends()) {
                assertThat(n.remoteSsrcs()).as("browser's send SSRCs for mid " + mid).isNotEmpty();
                assertThat(n.remoteCname()).isPresent();
            }
        }
        assertThat(answer.bundleGroup()).map(Group::mids).contains(live);
        TransportAttributes offered = offer.effectiveTransport(offer.media().get(0));
        assertThat(result.remote().iceUfrag()).isEqualTo(offered.iceUfrag().orElseThrow());
        assertThat(result.remote().icePwd()).isEqualTo(offered.icePwd().orElseThrow());
        assertThat(result.remote().preferredFingerprint()).contains(offered.fingerprints().get(0));
        assertThat(result.remote().setup()).isEqualTo(Setup.ACTPASS);
    }

    private static void assertAcceptedSectionFollowsPolicy(MediaSection o, MediaSection a, boolean relaySends) {
        assertThat(a.port()).isEqualTo(40000);
        assertThat(a.lines()).containsExactly(new SdpLine('c', "IN IP4 127.0.0.1"));
        assertThat(a.rtcpMux()).isTrue();
        assertThat(a.rtcpRsize()).isEqualTo(o.rtcpRsize());
        assertThat(a.transport()).isEqualTo(TransportAttributes.of(LOCAL.iceUfrag(), LOCAL.icePwd(),
                LOCAL.fingerprint(), Setup.PASSIVE));
        assertThat(a.candidates()).isEqualTo(LOCAL.candidates());
        assertThat(a.endOfCandidates()).isTrue();
        Direction od = o.effectiveDirection();
        assertThat(a.effectiveDirection()).isEqualTo(Direction.of(relaySends && od.receives(), od.sends()));
        if (a.effectiveDirection().sends()) {
            assertThat(a.msids()).hasSize(1);
            assertThat(a.ssrcAttributes()).extracting(SsrcAttribute::name).contains("cname", "msid");
        } else {
            assertThat(a.msids()).isEmpty();
            assertThat(a.ssrcAttributes()).isEmpty();
        }
        for (Extmap e : a.extmaps()) {
            assertThat(CodecPolicy.EXTENSIONS).contains(e.uri());
            assertThat(o.extmaps()).anySatisfy(x -> {
                assertThat(x.id()).isEqualTo(e.id());
                assertThat(x.uri()).isEqualTo(e.uri());
            });
        }
        assertThat(o.extmaps().stream().filter(e -> CodecPolicy.EXTENSIONS.contains(e.uri())).count())
                .as("every offered extension the relay supports is kept").isEqualTo(a.extmaps().size());
        for (PayloadType pt : a.payloadTypes()) {
            PayloadType offered = o.payloadType(pt.number()).orElseThrow();
            assertThat(pt.rtpmap()).isEqualTo(offered.rtpmap());
            assertThat(offered.rtcpFeedback()).containsAll(pt.rtcpFeedback());
            assertThat(CodecPolicy.FEEDBACK).containsAll(pt.rtcpFeedback());
            if (pt.isRtx()) {
                int apt = Integer.parseInt(pt.fmtpParameter("apt").orElseThrow());
                assertThat(a.payloadType(apt)).as("rtx apt points at an answered codec").isPresent();
                assertThat(offered.fmtpParameter("apt")).contains(Integer.toString(apt));
            } else if (o.kind() == MediaKind.AUDIO) {
                assertThat(pt.is("opus", 48000)).isTrue();
                assertThat(pt.rtpmap().orElseThrow().channels()).isEqualTo(2);
                assertThat(pt.fmtpParameter("useinbandfec")).contains("1");
                assertThat(pt.fmtpParameters().keySet()).isSubsetOf("minptime", "usedtx", "useinbandfec");
                assertThat(pt.fmtpParameter("minptime")).isEqualTo(offered.fmtpParameter("minptime"));
            } else {
                assertThat(pt.encodingName()).isIn("VP8", "H264");
                if (pt.encodingName().equals("H264")) {
                    assertThat(pt.fmtpParameter("packetization-mode")).contains("1");
                    assertThat(pt.fmtpParameter("profile-level-id")).contains("42e01f");
                }
                boolean offeredRtx = o.payloadTypes().stream().anyMatch(x -> x.isRtx()
                        && x.fmtpParameter("apt").orElse("").equals(Integer.toString(pt.number())));
                boolean answeredRtx = a.payloadTypes().stream().anyMatch(x -> x.isRtx()
                        && x.fmtpParameter("apt").orElse("").equals(Integer.toString(pt.number())));
                assertThat(answeredRtx).as("RTX kept iff offered").isEqualTo(offeredRtx);
            }
        }
        if (o.kind() == MediaKind.VIDEO) {
            assertThat(a.payloadTypes().get(0).encodingName()).as("VP8 preferred").isEqualTo("VP8");
        }
    }

    /**
     * The capture script gave each captured offer's answer to the real browser. The answer made now must still be
     * the one the browser accepted (re-run capture.py after changing the answerer on purpose).
     */
    @ParameterizedTest
    @MethodSource("browserOffers")
    void answerIsTheOneTheBrowserAccepted(String name) throws IOException {
        Matcher m = CAPTURE.matcher(name);
        assertThat(m.matches()).isTrue();
        SessionDescription offer = parsed(resource(name));
        String made = answered(SdpAnswerer.answer(offer, LOCAL, sendsFor(name, offer), 2)).sdp();
        assertThat(made).isEqualTo(resource(m.group(1) + "-" + m.group(2) + "-relay-answer.sdp"));
        JsonNode verdict = acceptance(m.group(1)).path(m.group(2) + "-offer");
        assertThat(verdict.path("answerAccepted").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("signalingState").asText()).isEqualTo("stable");
        if (RELAY_SENDS.contains(m.group(2))) {
            // the browser saw the relay's tracks with the msid the answer announced
            List<String> streams = new ArrayList<>();
            verdict.path("tracks").forEach(t -> t.path("streams").forEach(s -> streams.add(s.asText())));
            assertThat(streams).containsExactlyInAnyOrderElementsOf(SdpFixtures.sendOnEveryReceivingMid(offer)
                    .values().stream().map(SendStream::streamId).toList());
        }
    }

    static JsonNode acceptance(String browser) throws IOException {
        return new ObjectMapper().readTree(resource(browser + "-acceptance.json"));
    }

    @Test
    void chromiumVideoGetsVp8AndConstrainedBaselineH264WithTheirRtx() {
        SessionDescription offer = parsed(resource(CHROMIUM));
        NegotiatedMedia video = answered(SdpAnswerer.answer(offer, LOCAL, Map.of(), 2)).media("1").orElseThrow();
        MediaSection offered = offer.section("1").orElseThrow();
        assertThat(video.codecs()).extracting(RtpCodec::name).containsExactly("VP8", "H264");
        for (RtpCodec c : video.codecs()) {
            PayloadType rtx = offered.payloadType(c.rtxPayloadType()).orElseThrow();
            assertThat(rtx.fmtpParameter("apt")).contains(Integer.toString(c.payloadType()));
        }
        assertThat(video.extensionId(Extmap.SDES_MID)).hasValue(
                offered.extmaps().stream().filter(e -> e.uri().equals(Extmap.SDES_MID)).findFirst().orElseThrow().id());
        assertThat(video.extensionId("urn:3gpp:video-orientation")).isEmpty();
        assertThat(video.relayDirection()).isEqualTo(Direction.RECVONLY);
        assertThat(video.remoteSsrcs()).singleElement().satisfies(s -> assertThat(s.hasRtx()).isTrue());
        assertThat(video.remoteMsids()).singleElement().isEqualTo(offered.msids().get(0));
    }

    @ParameterizedTest
    @CsvSource({
        "sendrecv, true, sendrecv", "sendrecv, false, recvonly", "sendonly, true, recvonly",
        "sendonly, false, recvonly", "recvonly, true, sendonly", "recvonly, false, inactive",
        "inactive, true, inactive", "inactive, false, inactive"})
    void directionFollowsWhatTheBrowserDoesAndWhetherTheRelaySends(String offered, boolean relaySends,
                                                                  String expected) {
        String sdp = resource(CHROMIUM).replace("a=sendrecv\r\n", "a=" + offered + "\r\n");
        Map<String, SendStream> sends = relaySends ? Map.of("0", SdpFixtures.stream("x", 0)) : Map.of();
        AnswerResult.Answered r = answered(SdpAnswerer.answer(sdp, LOCAL, sends, 2));
        assertThat(r.answer().section("0").orElseThrow().direction()).contains(Direction.fromToken(expected).orElseThrow());
        assertThat(r.media("0").orElseThrow().relaySends()).isEqualTo(expected.startsWith("send"));
        assertThat(r.media("0").orElseThrow().relayReceives()).isEqualTo(expected.endsWith("recv") || expected.equals("recvonly"));
    }

    @Test
    void opusKeepsMinptimeAndDtxAndForcesInbandFec() {
        String base = resource(CHROMIUM);
        String fmtp = "a=fmtp:111 minptime=10;useinbandfec=1";
        assertThat(base).contains(fmtp);
        assertThat(opusFmtp(base.replace(fmtp, "a=fmtp:111 stereo=1;minptime=20;usedtx=1;useinbandfec=0")))
                .isEqualTo("minptime=20;usedtx=1;useinbandfec=1");
        assertThat(opusFmtp(base.replace(fmtp + "\r\n", ""))).isEqualTo("useinbandfec=1");
    }

    private static String opusFmtp(String offer) {
        return answer(offer).answer().section("0").orElseThrow().payloadType(111).orElseThrow().fmtp().orElseThrow();
    }

    /** A single-m-line offer, everything right except what {@code payloadLines} says about codecs. */
    static String videoOffer(String formats, String payloadLines) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF " + formats + "\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                + "a=fingerprint:sha-256 " + Fingerprint.colonHex(new byte[32]) + "\r\n"
                + "a=setup:actpass\r\na=mid:v\r\na=sendonly\r\na=rtcp-mux\r\n" + payloadLines;
    }

    @Test
    void h264NeedsPacketizationModeOneAndConstrainedBaselinePreferring42e01f() {
        String h264 = "a=rtpmap:%d H264/90000\r\na=fmtp:%d packetization-mode=%d;profile-level-id=%s\r\n";
        String lines = String.format(h264, 100, 100, 1, "640c1f") + String.format(h264, 101, 101, 0, "42e01f")
                + String.format(h264, 102, 102, 1, "42001f") + String.format(h264, 103, 103, 1, "4d001f")
                + String.format(h264, 104, 104, 1, "42c01f") + String.format(h264, 105, 105, 1, "42e01f");
        AnswerResult.Answered r = answer(videoOffer("100 101 102 103 104 105", lines));
        assertThat(r.media("v").orElseThrow().codecs()).singleElement()
                .satisfies(c -> assertThat(c.payloadType()).isEqualTo(105));
        // without 42e01f another constrained-baseline profile (42c01f) is taken
        AnswerResult.Answered other = answer(videoOffer("100 101 102 103 104", lines.substring(0, lines.lastIndexOf("a=rtpmap:105"))));
        assertThat(other.media("v").orElseThrow().codecs()).singleElement()
                .satisfies(c -> assertThat(c.payloadType()).isEqualTo(104));
        assertThat(CodecPolicy.isConstrainedBaseline("4d801f")).isTrue();
        assertThat(CodecPolicy.isConstrainedBaseline("42001f")).isFalse();
        assertThat(CodecPolicy.isConstrainedBaseline("zz")).isFalse();
    }

    @Test
    void noCommonCodecRejectsOnlyThatMLineAndSaysWhy() {
        String sdp = resource(CHROMIUM);
        SessionDescription offer = parsed(sdp);
        MediaSection video = offer.section("1").orElseThrow();
        // keep only VP9 and AV1 (and their RTX) on the video m-line
        List<PayloadType> kept = video.payloadTypes().stream().filter(pt -> pt.is("VP9", 90000) || pt.is("AV1", 90000))
                .toList();
        SessionDescription vp9Only = offer.withMedia(List.of(offer.media().get(0),
                video.toBuilder().payloadTypes(kept).build()));
        AnswerResult.Answered r = answered(SdpAnswerer.answer(vp9Only, LOCAL, Map.of(), 2));
        assertThat(r.answer().section("1").orElseThrow().port()).isZero();
        assertThat(r.answer().section("0").orElseThrow().port()).isNotZero();
        assertThat(r.answer().bundleGroup()).map(Group::mids).contains(List.of("0"));
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.mid()).isEqualTo("1");
            assertThat(w.reason()).isEqualTo(AnswerWarning.Reason.NO_COMMON_CODEC);
            assertThat(w.detail()).contains("VP9/90000").contains("AV1/90000").contains("VP8");
        });
        assertThat(r.media()).extracting(NegotiatedMedia::mid).containsExactly("0");
        // and an offer with nothing usable at all is refused
        Refusal none = refusal(videoOffer("98", "a=rtpmap:98 VP9/90000\r\n"));
        assertThat(none.reason()).isEqualTo(Refusal.Reason.NO_USABLE_MEDIA);
        assertThat(none.detail()).contains("VP9/90000");
    }

    @Test
    void unsupportedProtocolIsRejectedPerMLine() {
        String sdp = resource(CHROMIUM).replaceFirst("m=video (\\d+) UDP/TLS/RTP/SAVPF", "m=video $1 RTP/AVPF");
        AnswerResult.Answered r = answer(sdp);
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(AnswerWarning.Reason.UNSUPPORTED_PROTOCOL);
            assertThat(w.detail()).contains("RTP/AVPF");
        });
    }

    @Test
    void stoppedMLineOfTheOfferStaysRejectedWithoutWarning() {
        String sdp = resource(CHROMIUM).replaceFirst("m=video \\d+ ", "m=video 0 ");
        AnswerResult.Answered r = answer(sdp.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"));
        assertThat(r.answer().section("1").orElseThrow().port()).isZero();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void firefoxBundleOnlyMLineIsAcceptedNotTakenForRejected() {
        SessionDescription offer = parsed(resource("firefox-153esr-av-screen-offer.sdp"));
        MediaSection third = offer.media().get(2);
        assertThat(third.port()).isZero();
        assertThat(third.isBundleOnly()).isTrue();
        assertThat(third.isRejected()).isFalse();
        AnswerResult.Answered r = answered(SdpAnswerer.answer(offer, LOCAL, Map.of(), 2));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.media()).extracting(NegotiatedMedia::mid).containsExactly("0", "1", "2");
        assertThat(r.answer().media().get(2).port()).isEqualTo(40000);
        assertThat(r.answer().media().get(2).isBundleOnly()).as("answers never say bundle-only").isFalse();
    }

    @Test
    void singleMLineWithoutBundleIsAnsweredWithoutAGroup() {
        AnswerResult.Answered r = answer(videoOffer("96", "a=rtpmap:96 VP8/90000\r\n"));
        assertThat(r.answer().groups()).isEmpty();
        assertThat(r.media("v").orElseThrow().relayDirection()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void activeOfferIsFineAndReportedAsTheBrowsersRole() {
        AnswerResult.Answered r = answer(resource(CHROMIUM).replace("a=setup:actpass", "a=setup:active"));
        assertThat(r.remote().setup()).isEqualTo(Setup.ACTIVE);
    }

    @Test
    void simulcastLayersComeInSimOrderWithTheirRtx() {
        String ssrcs = "a=ssrc-group:FID 3 13\r\na=ssrc-group:SIM 1 2 3\r\na=ssrc-group:FID 1 11\r\n"
                + "a=ssrc-group:FID 2 12\r\na=ssrc:13 cname:c\r\na=ssrc:3 cname:c\r\na=ssrc:11 cname:c\r\n"
                + "a=ssrc:1 cname:c\r\na=ssrc:2 cname:c\r\na=ssrc:12 cname:c\r\n";
        NegotiatedMedia v = answer(videoOffer("96", "a=rtpmap:96 VP8/90000\r\n" + ssrcs)).media("v").orElseThrow();
        assertThat(v.remoteSsrcs()).containsExactly(new RemoteSsrc(1, 11), new RemoteSsrc(2, 12), new RemoteSsrc(3, 13));
        assertThat(v.remoteCname()).contains("c");
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void offersTheRelayCannotServeAreRefusedByName(String sdp, Refusal.Reason reason, String named) {
        Refusal r = refusal(sdp);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.detail()).contains(named);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusals() {
        String chromium = resource(CHROMIUM);
        String firefox = resource("firefox-153esr-av-sendrecv-offer.sdp");
        String crypto = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
        return Stream.of(
                args(drop(chromium, "a=rtcp-mux"), Refusal.Reason.NO_RTCP_MUX, "rtcp-mux"),
                args(drop(chromium, "a=group:BUNDLE"), Refusal.Reason.NO_BUNDLE, "BUNDLE"),
                args(chromium.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"), Refusal.Reason.NO_BUNDLE, "[1]"),
                args(drop(chromium, "a=fingerprint"), Refusal.Reason.NO_FINGERPRINT, "fingerprint"),
                args(drop(firefox, "a=fingerprint"), Refusal.Reason.NO_FINGERPRINT, "fingerprint"),
                args(drop(chromium, "a=fingerprint").replace("a=mid:0\r\n", "a=mid:0\r\n" + crypto)
                        .replace("a=mid:1\r\n", "a=mid:1\r\n" + crypto), Refusal.Reason.SDES_ONLY, "a=crypto"),
                args(chromium.replace("a=fingerprint:sha-256", "a=fingerprint:md5"),
                        Refusal.Reason.UNSUPPORTED_FINGERPRINT, "md5"),
                args(chromium.replace("a=mid:1\r\n", "a=mid:1\r\na=msid:other-stream other-track\r\n"),
                        Refusal.Reason.PLAN_B, "plan B"),
                args(drop(chromium, "a=mid:"), Refusal.Reason.NO_MID, "a=mid"),
                args(chromium.replace("a=setup:actpass", "a=setup:passive"), Refusal.Reason.SETUP_CONFLICT, "passive"),
                args(chromium.replace("t=0 0\r\n", "t=0 0\r\na=ice-lite\r\n"), Refusal.Reason.BOTH_ICE_LITE, "ICE-lite"),
                args(drop(drop(chromium, "a=ice-ufrag"), "a=ice-pwd"), Refusal.Reason.NO_ICE_CREDENTIALS, "ice-ufrag"),
                args(chromium.replaceAll("m=(audio|video) \\d+ ", "m=$1 0 "), Refusal.Reason.NO_USABLE_MEDIA, "port 0"),
                args("v=0\r\nnot sdp", Refusal.Reason.UNPARSABLE, "line 2"));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String sdp, Refusal.Reason reason, String named) {
        return org.junit.jupiter.params.provider.Arguments.of(sdp, reason, named);
    }

    static String drop(String sdp, String prefix) {
        return sdp.lines().filter(l -> !l.startsWith(prefix)).map(l -> l + "\r\n").collect(Collectors.joining());
    }
}
