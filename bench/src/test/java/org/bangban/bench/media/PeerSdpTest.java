package org.bangban.bench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.bangban.relay.dtls.DtlsCertificate;
import org.bangban.relay.sdp.Direction;
import org.bangban.relay.sdp.MediaSection;
import org.bangban.relay.sdp.SessionDescription;
import org.bangban.relay.sdp.Setup;
import org.junit.jupiter.api.Test;

class PeerSdpTest {
    private static final DtlsCertificate CERT = DtlsCertificate.generate();
    private static final PeerSdp.Local LOCAL = new PeerSdp.Local("ufrA", "passwordpasswordpassword", CERT.sdpFingerprint(),
            new InetSocketAddress("127.0.0.1", 40123), "benchcname", 42);

    @Test
    void aPublishOfferIsChromeShapedAndReadsBackThroughTheRelaysParser() {
        String offer = PeerSdp.offer(LOCAL, List.of(new PeerSdp.Track("audio", "0", 0x10011, Direction.SENDONLY),
                new PeerSdp.Track("video", "1", 0x10021, Direction.SENDONLY)));
        SessionDescription d = PeerSdp.parse(offer);
        assertThat(d.bundleGroup()).hasValueSatisfying(g -> assertThat(g.mids()).containsExactly("0", "1"));
        MediaSection audio = d.media().get(0);
        MediaSection video = d.media().get(1);
        assertThat(audio.payloadTypes()).singleElement().satisfies(pt -> {
            assertThat(pt.number()).isEqualTo(111);
            assertThat(pt.encodingName()).isEqualTo("opus");
        });
        assertThat(video.payloadTypes()).singleElement().satisfies(pt -> {
            assertThat(pt.number()).isEqualTo(96);
            assertThat(pt.rtcpFeedback()).contains("nack", "nack pli");
        });
        for (MediaSection m : d.media()) {
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.effectiveDirection()).isEqualTo(Direction.SENDONLY);
            assertThat(d.effectiveTransport(m).setup()).contains(Setup.ACTIVE);
            assertThat(d.effectiveTransport(m).iceUfrag()).contains("ufrA");
        }
        assertThat(audio.ssrcAttributes()).extracting(a -> a.ssrc()).containsOnly(0x10011L);
        assertThat(video.ssrcAttributes()).extracting(a -> a.ssrc()).containsOnly(0x10021L);
        PeerSdp.Remote back = PeerSdp.remote(d);
        assertThat(back.candidates()).containsExactly(new InetSocketAddress("127.0.0.1", 40123));
        assertThat(back.fingerprint().matches(CERT.der())).isTrue();
        assertThat(back.pwd()).isEqualTo("passwordpasswordpassword");
    }

    @Test
    void anEchoOfferIsSendrecv() {
        String offer = PeerSdp.offer(LOCAL, List.of(new PeerSdp.Track("audio", "0", 5, Direction.SENDRECV),
                new PeerSdp.Track("video", "1", 6, Direction.SENDRECV)));
        assertThat(PeerSdp.parse(offer).media()).allSatisfy(m ->
                assertThat(m.effectiveDirection()).isEqualTo(Direction.SENDRECV));
    }

    @Test
    void aSubscribeAnswerReceivesWhatIsSentAndRejectsWhatItCannotDecode() {
        DtlsCertificate relayCert = DtlsCertificate.generate();
        String relayOffer = String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0 1 2 3",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 109 111", "c=IN IP4 127.0.0.1",
                "a=ice-ufrag:RlyA", "a=ice-pwd:relayTestPassword0123456",
                "a=fingerprint:" + relayCert.sdpFingerprint(), "a=setup:actpass", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:109 telephone-event/8000", "a=rtpmap:111 opus/48000/2", "a=ssrc:1000 cname:r",
                "a=candidate:2 1 tcp 1526726655 127.0.0.1 40001 typ host tcptype passive",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
                "m=video 40000 UDP/TLS/RTP/SAVPF 98 96", "c=IN IP4 127.0.0.1", "a=mid:1", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:98 VP9/90000", "a=rtpmap:96 VP8/90000",
                "m=video 40000 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 127.0.0.1", "a=mid:2", "a=inactive", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000",
                "m=video 40000 UDP/TLS/RTP/SAVPF 102", "c=IN IP4 127.0.0.1", "a=mid:3", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:102 H264/90000", "");
        SessionDescription offer = PeerSdp.parse(relayOffer);
        PeerSdp.Remote remote = PeerSdp.remote(offer);
        assertThat(remote.candidates()).as("UDP only").containsExactly(new InetSocketAddress("127.0.0.1", 40000));
        assertThat(remote.iceLite()).isTrue();
        assertThat(remote.mids()).containsExactly("0", "1", "2", "3");
        SessionDescription answer = PeerSdp.parse(PeerSdp.answer(LOCAL, offer, Direction.RECVONLY));
        assertThat(answer.bundleGroup()).hasValueSatisfying(g -> assertThat(g.mids()).containsExactly("0", "1", "2"));
        assertThat(answer.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2", "3");
        assertThat(answer.media().get(0).payloadTypes()).extracting(pt -> pt.number()).containsExactly(111);
        assertThat(answer.media().get(0).effectiveDirection()).isEqualTo(Direction.RECVONLY);
        assertThat(answer.media().get(1).payloadTypes()).extracting(pt -> pt.number()).containsExactly(96);
        assertThat(answer.media().get(2).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(answer.media().get(3).isRejected()).as("H.264 only: rejected").isTrue();
        assertThat(answer.media().get(0).ssrcAttributes()).isEmpty();
    }

    @Test
    void aRemoteWithoutCredentialsOrUdpCandidatesIsRefusedByName() {
        String noUdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd", "a=ice-pwd:passwordpassword12345678",
                "a=fingerprint:" + CERT.sdpFingerprint(), "a=mid:0", "a=rtpmap:111 opus/48000/2", "");
        assertThatThrownBy(() -> PeerSdp.remote(PeerSdp.parse(noUdp))).hasMessageContaining("no UDP IPv4 candidate");
        assertThatThrownBy(() -> PeerSdp.remote(PeerSdp.parse(noUdp.replace("a=ice-pwd:passwordpassword12345678\r\n", ""))))
                .hasMessageContaining("a=ice-pwd");
        assertThatThrownBy(() -> PeerSdp.parse("v=0\r\nnonsense\r\n")).hasMessageContaining("unreadable remote SDP");
    }
}
