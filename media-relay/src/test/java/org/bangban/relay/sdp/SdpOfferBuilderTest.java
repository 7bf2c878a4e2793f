package org.bangban.relay.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.relay.sdp.SdpAnswererTest.drop;
import static org.bangban.relay.sdp.SdpFixtures.parsed;
import static org.bangban.relay.sdp.SdpFixtures.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpOfferBuilderTest {

    private static final LocalParameters LOCAL = SdpFixtures.local();

    static Stream<String> browsers() {
        return Stream.of("chromium-156", "firefox-153esr");
    }

    private static AppliedAnswerResult.Applied applied(AppliedAnswerResult r) {
        if (r instanceof Refusal refusal) {
            throw new AssertionError("refused: " + refusal);
        }
        return (AppliedAnswerResult.Applied) r;
    }

    private static SessionDescription supervisorOffer() {
        return SdpOfferBuilder.initialOffer(LOCAL, SdpFixtures.supervisorSlots());
    }

    @Test
    void supervisorOfferIsSendOnlyIceLiteActpassBundledAndMuxed() {
        SessionDescription offer = supervisorOffer();
        assertThat(offer.iceLite()).isTrue();
        assertThat(offer.origin().sessionVersion()).isEqualTo(1);
        assertThat(offer.origin().sessionId()).isEqualTo(Long.toString(LOCAL.sessionId()));
        assertThat(offer.bundleGroup()).map(Group::mids).contains(List.of("0", "1", "2"));
        assertThat(offer.media()).extracting(MediaSection::direction).containsExactly(
                java.util.Optional.of(Direction.SENDONLY), java.util.Optional.of(Direction.SENDONLY),
                java.util.Optional.of(Direction.INACTIVE));
        for (MediaSection m : offer.media()) {
            assertThat(m.transport().setup()).contains(Setup.ACTPASS);
            assertThat(m.transport().fingerprints()).containsExactly(LOCAL.fingerprint());
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.candidates()).isEqualTo(LOCAL.candidates());
            assertThat(m.endOfCandidates()).isTrue();
        }
        MediaSection video = offer.section("1").orElseThrow();
        SendStream v = SdpFixtures.stream("v", 1);
        assertThat(video.msids()).containsExactly(Msid.of(v.streamId(), v.trackId()));
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup(SsrcGroup.FID, List.of(v.ssrc(), v.rtxSsrc())));
        assertThat(video.formats()).containsExactly("96", "97", "108", "109");
        assertThat(offer.section("2").orElseThrow().ssrcAttributes()).isEmpty();
        assertThat(offer.section("0").orElseThrow().ssrcGroups()).as("audio has no RTX").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("browsers")
    void browsersAcceptedTheRelayOffersAndTheirAnswersApply(String browser) throws IOException {
        JsonNode acceptance = SdpAnswererTest.acceptance(browser);
        SessionDescription first = supervisorOffer();
        assertThat(first.toSdp()).isEqualTo(resource(browser + "-supervisor-relay-offer.sdp"));
        assertThat(acceptance.path("supervisor").path("offerAccepted").asBoolean()).isTrue();

        AppliedAnswerResult.Applied a = applied(SdpOfferBuilder.applyAnswer(first, resource(browser + "-supervisor-answer.sdp")));
        SessionDescription answer = parsed(resource(browser + "-supervisor-answer.sdp"));
        assertThat(a.remote().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(a.remote().iceUfrag()).isEqualTo(answer.effectiveTransport(answer.media().get(0)).iceUfrag().orElseThrow());
        assertThat(a.remote().preferredFingerprint()).isPresent();
        assertThat(a.media()).extracting(NegotiatedMedia::mid).containsExactly("0", "1", "2");
        assertThat(a.media()).extracting(NegotiatedMedia::relayDirection)
                .containsExactly(Direction.SENDONLY, Direction.SENDONLY, Direction.INACTIVE);
        NegotiatedMedia video = a.media().get(1);
        assertThat(video.codecs()).isNotEmpty().allSatisfy(c -> assertThat(c.rtxPayloadType()).isNotEqualTo(RtpCodec.NO_RTX));
        assertThat(video.codecs()).extracting(RtpCodec::name).contains("VP8");
        assertThat(video.extensionId(Extmap.SDES_MID)).hasValue(4);
        assertThat(a.media().get(0).codecs()).extracting(RtpCodec::payloadType).containsExactly(111);

        // the next offer: audio stopped, camera gone, screen share in the waiting m-line
        SessionDescription next = SdpOfferBuilder.renegotiationOffer(first, LOCAL, SdpFixtures.supervisorNextSlots());
        assertThat(next.toSdp()).isEqualTo(resource(browser + "-supervisor-next-relay-offer.sdp"));
        assertThat(acceptance.path("supervisor-next").path("offerAccepted").asBoolean()).isTrue();
        assertThat(acceptance.path("supervisor-next").path("tracks").get(0).path("streams").get(0).asText())
                .isEqualTo("relay-stream-s");
        assertThat(next.origin().sessionVersion()).isEqualTo(2);
        assertThat(next.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2");
        assertThat(next.section("0").orElseThrow().port()).isZero();
        assertThat(next.bundleGroup()).map(Group::mids).contains(List.of("1", "2"));
        AppliedAnswerResult.Applied b = applied(SdpOfferBuilder.applyAnswer(next,
                resource(browser + "-supervisor-next-answer.sdp")));
        assertThat(b.media()).extracting(NegotiatedMedia::mid).containsExactly("1", "2");
        assertThat(b.media()).extracting(NegotiatedMedia::relayDirection)
                .containsExactly(Direction.INACTIVE, Direction.SENDONLY);
    }

    @ParameterizedTest
    @MethodSource("browsers")
    void relayAddsSendOnlyMLinesToTheBrowsersOwnSession(String browser) throws IOException {
        SessionDescription relayAnswer = parsed(resource(browser + "-av-sendrecv-relay-answer.sdp"));
        SessionDescription offer = SdpOfferBuilder.renegotiationOffer(relayAnswer, LOCAL, SdpFixtures.addedSlots());
        assertThat(offer.toSdp()).isEqualTo(resource(browser + "-publisher-renegotiation-relay-offer.sdp"));
        JsonNode verdict = SdpAnswererTest.acceptance(browser).path("publisher-renegotiation");
        assertThat(verdict.path("offerAccepted").asBoolean()).as(verdict.toString()).isTrue();

        assertThat(offer.origin().sessionVersion()).isEqualTo(relayAnswer.origin().sessionVersion() + 1);
        assertThat(offer.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "r1", "r2");
        for (int i = 0; i < 2; i++) {
            MediaSection before = relayAnswer.media().get(i);
            MediaSection now = offer.media().get(i);
            assertThat(now.direction()).isEqualTo(before.direction());
            assertThat(now.payloadTypes()).isEqualTo(before.payloadTypes());
            assertThat(now.extmaps()).isEqualTo(before.extmaps());
            assertThat(now.transport().setup()).contains(Setup.ACTPASS);
        }
        assertThat(offer.section("r1").orElseThrow().direction()).contains(Direction.SENDONLY);
        assertThat(offer.section("r2").orElseThrow().direction()).contains(Direction.SENDONLY);
        assertConsistentAcrossBundle(offer);

        AppliedAnswerResult.Applied a = applied(SdpOfferBuilder.applyAnswer(offer,
                resource(browser + "-publisher-renegotiation-answer.sdp")));
        assertThat(a.media()).extracting(NegotiatedMedia::mid).containsExactly("0", "1", "r1", "r2");
        assertThat(a.media().get(2).relayDirection()).isEqualTo(Direction.SENDONLY);
        // the browser still publishes on its own m-lines, with its SSRCs
        assertThat(a.media().get(1).relayReceives()).isTrue();
        assertThat(a.media().get(1).remoteSsrcs()).isNotEmpty();
    }

    /** Within one BUNDLE group, one payload type means one codec and one extension id one URI. */
    private static void assertConsistentAcrossBundle(SessionDescription d) {
        Map<Integer, String> pts = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        for (MediaSection m : d.media()) {
            if (m.isRejected()) {
                continue;
            }
            for (PayloadType pt : m.payloadTypes()) {
                String sig = pt.rtpmap().orElseThrow() + " " + pt.fmtpParameters();
                assertThat(pts.putIfAbsent(pt.number(), sig)).as("payload type " + pt.number()).isIn(null, sig);
            }
            for (Extmap e : m.extmaps()) {
                assertThat(ids.putIfAbsent(e.id(), e.uri())).as("extension id " + e.id()).isIn(null, e.uri());
            }
        }
    }

    @Test
    void slotNumbersClashingWithTheSessionAreRenumbered() {
        // Firefox's session binds 109 to opus, 3 to sdes:mid and 4 to abs-send-time; the relay's H264 RTX wants
        // 109, its abs-send-time wants 3
        SessionDescription relayAnswer = parsed(resource("firefox-153esr-av-sendrecv-relay-answer.sdp"));
        TrackSlot video = TrackSlot.sending("r2", MediaKind.VIDEO, SdpFixtures.stream("r2", 6),
                List.of(SdpFixtures.VP8, SdpFixtures.H264), List.of(Extmap.of(3, Extmap.ABS_SEND_TIME),
                        Extmap.of(14, Extmap.SDES_MID)));
        SessionDescription offer = SdpOfferBuilder.renegotiationOffer(relayAnswer, LOCAL, List.of(video));
        MediaSection added = offer.section("r2").orElseThrow();
        assertConsistentAcrossBundle(offer);
        PayloadType h264Rtx = added.payloadTypes().stream().filter(pt -> pt.isRtx()
                && pt.fmtpParameter("apt").orElse("").equals("108")).findFirst().orElseThrow();
        assertThat(h264Rtx.number()).isNotEqualTo(109);
        int sessionAbsSendTime = relayAnswer.media().stream().flatMap(m -> m.extmaps().stream())
                .filter(e -> e.uri().equals(Extmap.ABS_SEND_TIME)).findFirst().orElseThrow().id();
        assertThat(added.extmaps()).contains(Extmap.of(sessionAbsSendTime, Extmap.ABS_SEND_TIME))
                .as("sdes:mid takes the session's id, not the wanted 14").contains(Extmap.of(3, Extmap.SDES_MID));
    }

    @Test
    void recycledInactiveMLineCarriesANewTrackUnderTheSameMid() {
        SessionDescription first = supervisorOffer();
        SendStream next = SdpFixtures.stream("n", 7);
        SessionDescription second = SdpOfferBuilder.renegotiationOffer(first, LOCAL,
                List.of(SdpFixtures.supervisorSlots().get(1).withTrack(next)));
        MediaSection m = second.section("1").orElseThrow();
        assertThat(m.msids()).containsExactly(Msid.of(next.streamId(), next.trackId()));
        assertThat(m.ssrcAttributes()).extracting(SsrcAttribute::ssrc).containsOnly(next.ssrc(), next.rtxSsrc());
        assertThat(second.media()).hasSize(3);
        assertThat(second.section("0")).isPresent().isEqualTo(first.section("0"));
        // a stopped m-line stays stopped in every later offer
        SessionDescription third = SdpOfferBuilder.renegotiationOffer(
                SdpOfferBuilder.renegotiationOffer(second, LOCAL, List.of(SdpFixtures.supervisorSlots().get(0).stop())),
                LOCAL, List.of());
        assertThat(third.section("0").orElseThrow().port()).isZero();
        assertThat(third.media()).hasSize(3);
        assertThat(third.origin().sessionVersion()).isEqualTo(4);
    }

    @Test
    void inconsistentSlotsAreProgrammingErrors() {
        SessionDescription first = supervisorOffer();
        TrackSlot audio = SdpFixtures.supervisorSlots().get(0);
        assertThatThrownBy(() -> SdpOfferBuilder.initialOffer(LOCAL, List.of(audio, audio)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two slots");
        assertThatThrownBy(() -> SdpOfferBuilder.renegotiationOffer(first, LOCAL,
                List.of(TrackSlot.inactive("0", MediaKind.VIDEO, List.of(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mid 0");
        SessionDescription stopped = SdpOfferBuilder.renegotiationOffer(first, LOCAL, List.of(audio.stop()));
        assertThatThrownBy(() -> SdpOfferBuilder.renegotiationOffer(stopped, LOCAL, List.of(audio)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new mid");
        assertThatThrownBy(() -> SdpOfferBuilder.initialOffer(LOCAL,
                List.of(TrackSlot.inactive("x", MediaKind.AUDIO, List.of(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no codecs");
        assertThatThrownBy(() -> TrackSlot.inactive("a b", MediaKind.AUDIO, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chromium-156", "firefox-153esr"})
    void answersTheRelayCannotUseAreRefusedByName(String browser) {
        SessionDescription offer = supervisorOffer();
        String answer = resource(browser + "-supervisor-answer.sdp");
        assertRefused(offer, answer.replace("a=setup:active", "a=setup:passive"), Refusal.Reason.SETUP_CONFLICT, "passive");
        assertRefused(offer, drop(answer, "a=setup:"), Refusal.Reason.SETUP_CONFLICT, "(none)");
        assertRefused(offer, answer.replaceFirst("m=video \\d+ ", "m=video 0 "), Refusal.Reason.M_LINE_REJECTED, "mid 1");
        assertRefused(offer, answer.replace("a=mid:2", "a=mid:9"), Refusal.Reason.M_LINE_MISMATCH, "mid 9");
        assertRefused(offer, answer.substring(0, answer.lastIndexOf("m=video")), Refusal.Reason.M_LINE_MISMATCH, "2 m-lines");
        assertRefused(offer, answer.replaceFirst("a=recvonly", "a=sendonly"), Refusal.Reason.DIRECTION_CONFLICT, "sendonly");
        assertRefused(offer, drop(answer, "a=fingerprint"), Refusal.Reason.NO_FINGERPRINT, "fingerprint");
        assertRefused(offer, drop(answer, "a=rtcp-mux"), Refusal.Reason.NO_RTCP_MUX, "rtcp-mux");
        assertRefused(offer, drop(answer, "a=group:BUNDLE"), Refusal.Reason.NO_BUNDLE, "BUNDLE");
        assertRefused(offer, drop(answer, "a=ice-pwd"), Refusal.Reason.NO_ICE_CREDENTIALS, "ice-pwd");
        assertRefused(offer, answer.replace("t=0 0\r\n", "t=0 0\r\na=ice-lite\r\n"), Refusal.Reason.BOTH_ICE_LITE, "ICE-lite");
        assertRefused(offer, answer.replaceFirst("m=audio (\\d+) UDP/TLS/RTP/SAVPF 111", "m=audio $1 UDP/TLS/RTP/SAVPF 0"),
                Refusal.Reason.NO_COMMON_CODEC, "mid 0");
        assertRefused(offer, "garbage", Refusal.Reason.UNPARSABLE, "line 1");
    }

    private static void assertRefused(SessionDescription offer, String answer, Refusal.Reason reason, String named) {
        AppliedAnswerResult r = SdpOfferBuilder.applyAnswer(offer, answer);
        assertThat(r).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.reason()).isEqualTo(reason);
            assertThat(refusal.detail()).contains(named);
        });
    }
}
