package org.bangban.relay.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated SDP: the parser only ever answers Parsed or Invalid, whatever parses round-trips, and the
 * answerer and answer check only ever answer with their result types.
 */
class SdpFuzzTest {

    private static final String[] TOKENS = {"a=", "m=", "v=0", "o=", "s=", "t=0 0", "c=IN IP4 0.0.0.0", ":", " ",
        "/", ";", "=", "\r\n", "\n", "\r", "\t", "0", "1", "96", "127", "128", "4294967295", "4294967296", "-1",
        "99999999999999999999", "mid", "rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group:FID", "msid",
        "candidate", "typ", "host", "raddr", "rport", "tcptype", "fingerprint", "sha-256", "AB:CD", "setup",
        "actpass", "passive", "group:BUNDLE", "ice-ufrag", "ice-pwd", "rtcp-mux", "sendonly", "UDP/TLS/RTP/SAVPF",
        "audio", "video", "application", "opus/48000/2", "VP8/90000", "rtx/90000", "apt=96", "\u0000", "\u00e9",
        "\uD800", "*"};

    private static final LocalParameters LOCAL = SdpFixtures.local();
    private static final SessionDescription RELAY_OFFER =
            SdpOfferBuilder.initialOffer(LOCAL, SdpFixtures.supervisorSlots());

    private final Random random = new Random(0x5D9);

    @Test
    void randomStringsNeverThrow() {
        for (int i = 0; i < 8_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : (char) (0x20 + random.nextInt(0x5F)));
            }
            check(sb.toString());
        }
    }

    @Test
    void randomTokenSoupNeverThrows() {
        for (int i = 0; i < 8_000; i++) {
            StringBuilder sb = new StringBuilder(i % 3 == 0 ? "" : "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            check(sb.toString());
        }
    }

    @Test
    void mutatedCapturesNeverThrowAndParsedOnesRoundTrip() {
        List<String> captures = new ArrayList<>();
        for (String name : SdpFixtures.resources(".sdp")) {
            captures.add(SdpFixtures.resource(name));
        }
        int parsed = 0;
        for (int i = 0; i < 3_000; i++) {
            String base = captures.get(random.nextInt(captures.size()));
            String mutated = mutate(base, 1 + random.nextInt(3));
            if (check(mutated)) {
                parsed++;
            }
        }
        // mutations are small: many still parse, and those went through answerer and answer check too
        assertThat(parsed).isGreaterThan(500);
    }

    /** Parses; if parsed, round-trips and runs the answerer and the answer check. True when parsed. */
    private boolean check(String sdp) {
        SdpParseResult r = SdpParser.parse(sdp);
        assertThat(r).isNotNull();
        if (r instanceof SdpParseResult.Invalid invalid) {
            assertThat(invalid.reason()).isNotNull();
            assertThat(invalid.message()).isNotBlank();
            return false;
        }
        SessionDescription d = ((SdpParseResult.Parsed) r).description();
        assertThat(SdpParser.parse(d.toSdp())).isEqualTo(r);
        AnswerResult answer = SdpAnswerer.answer(d, LOCAL, SdpFixtures.sendOnEveryReceivingMid(d), 2);
        assertThat(answer).isNotNull();
        if (answer instanceof AnswerResult.Answered answered) {
            assertThat(SdpParser.parse(answered.sdp())).isInstanceOf(SdpParseResult.Parsed.class);
        }
        assertThat(SdpOfferBuilder.applyAnswer(RELAY_OFFER, d)).isNotNull();
        return true;
    }

    private String mutate(String sdp, int times) {
        List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n", -1)));
        for (int t = 0; t < times; t++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 3 -> {
                    if (!line.isEmpty()) {
                        char[] c = line.toCharArray();
                        c[random.nextInt(c.length)] = (char) (0x20 + random.nextInt(0x60));
                        lines.set(at, new String(c));
                    }
                }
                case 4 -> lines.set(at, line + " " + TOKENS[random.nextInt(TOKENS.length)]);
                case 5 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 6 -> lines.set(at, line.replaceAll("[0-9]+", Integer.toString(random.nextInt(300))));
                default -> lines.add(at, TOKENS[random.nextInt(TOKENS.length)] + TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return String.join("\r\n", lines);
    }

    @Test
    void relayOffersFromFuzzedPreviousDescriptionsNeverThrowUnexpectedly() {
        String base = SdpFixtures.resource("chromium-156-av-sendrecv-relay-answer.sdp");
        int built = 0;
        for (int i = 0; i < 2_000; i++) {
            SdpParseResult r = SdpParser.parse(mutate(base, 1 + random.nextInt(2)));
            if (r instanceof SdpParseResult.Parsed p) {
                try {
                    SessionDescription offer = SdpOfferBuilder.renegotiationOffer(p.description(), LOCAL,
                            SdpFixtures.addedSlots());
                    assertThat(SdpParser.parse(offer.toSdp())).isInstanceOf(SdpParseResult.Parsed.class);
                    built++;
                } catch (IllegalArgumentException documented) {
                    // the builder's documented answer to an inconsistent previous description
                    assertThat(documented.getMessage()).isNotBlank();
                }
            }
        }
        assertThat(built).isGreaterThan(500);
    }
}
