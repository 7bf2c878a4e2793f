package org.bangban.relay.sdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Command-line bridge for the browser capture script ({@code src/test/resources/sdp/capture/capture.py}): makes
 * the relay's answers and offers with the fixed {@link SdpFixtures} parameters and prints them. Not a test.
 *
 * <pre>
 * answer FILE | answer-sending FILE | server-offer | server-offer-next PREV_OFFER | reneg PREV_LOCAL
 * </pre>
 */
public final class SdpCaptureTool {

    private SdpCaptureTool() {
    }

    public static void main(String[] args) throws IOException {
        LocalParameters local = SdpFixtures.local();
        String cmd = args.length > 0 ? args[0] : "";
        String out;
        switch (cmd) {
            case "answer", "answer-sending" -> {
                SessionDescription offer = SdpFixtures.parsed(read(args[1]));
                Map<String, SendStream> sends = cmd.equals("answer")
                        ? Map.of() : SdpFixtures.sendOnEveryReceivingMid(offer);
                AnswerResult r = SdpAnswerer.answer(offer, local, sends, 2);
                if (r instanceof Refusal refusal) {
                    System.err.println("REFUSED " + refusal);
                    System.exit(1);
                    return;
                }
                out = ((AnswerResult.Answered) r).sdp();
            }
            case "server-offer" -> out = SdpOfferBuilder.initialOffer(local, SdpFixtures.supervisorSlots()).toSdp();
            case "server-offer-next" -> out = SdpOfferBuilder.renegotiationOffer(
                    SdpFixtures.parsed(read(args[1])), local, SdpFixtures.supervisorNextSlots()).toSdp();
            case "reneg" -> out = SdpOfferBuilder.renegotiationOffer(
                    SdpFixtures.parsed(read(args[1])), local, SdpFixtures.addedSlots()).toSdp();
            default -> {
                System.err.println("usage: answer|answer-sending FILE | server-offer | server-offer-next FILE | reneg FILE");
                System.exit(2);
                return;
            }
        }
        System.out.print(out);
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
