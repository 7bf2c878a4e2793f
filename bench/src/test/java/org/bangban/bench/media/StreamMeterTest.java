package org.bangban.bench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StreamMeterTest {
    private static final long MS = 1_000_000;

    /** A sink that records nothing but lets every n-th packet fail, as a full socket buffer would. */
    private static final class Sink implements OutboundStream.Sink {
        int rtp;
        int rtcp;
        int failEvery;

        @Override
        public boolean sendRtp(byte[] buf, int len) {
            rtp++;
            return failEvery == 0 || rtp % failEvery != 0;
        }

        @Override
        public boolean sendRtcp(byte[] buf, int len) {
            rtcp++;
            return true;
        }
    }

    @Test
    void lossIsWhatTheSenderCountedInTheWindowMinusWhatArrived() {
        MeasureWindow window = new MeasureWindow();
        OutboundStream stream = new OutboundStream(1, StreamSpec.microphone(), 1234, window);
        StreamMeter meter = new StreamMeter(stream, window);
        byte[] buf = new byte[1600];
        Sink sink = new Sink();
        long t = System.nanoTime();
        stream.sendDue(t, buf, sink); // schedules the first frame; before the window
        window.open(System.nanoTime());
        long inside = System.nanoTime();
        for (int i = 1; i <= 60; i++) stream.sendDue(t + i * 20 * MS, buf, sink);
        window.close(System.nanoTime());
        assertThat(stream.sentInWindow()).isEqualTo(stream.packets() - (sink.rtp - stream.sentInWindow()));
        long inWindow = stream.sentInWindow();
        assertThat(inWindow).isBetween(58L, 61L);
        // a receiver gets all but three of the window's probes, and one from before the window
        meter.packet(0, inside - 1_000 * MS, inside, 120);
        for (int seq = 1; seq <= inWindow - 3; seq++) meter.packet(seq, inside, inside + MS, 120);
        assertThat(meter.outsideWindow()).isEqualTo(1);
        assertThat(meter.received()).isEqualTo(inWindow - 3);
        assertThat(meter.lost()).isEqualTo(3);
        assertThat(meter.bytes()).isEqualTo(120 * (inWindow - 3));
        assertThat(sink.rtcp).as("a sender report a second").isEqualTo(1);
    }

    @Test
    void packetsTheSocketRefusedAreNotCountedAsSent() {
        MeasureWindow window = new MeasureWindow();
        window.open(0);
        OutboundStream stream = new OutboundStream(2, StreamSpec.camera(2500), 99, window);
        Sink sink = new Sink();
        sink.failEvery = 10;
        long t = System.nanoTime();
        for (int i = 0; i < 31; i++) stream.sendDue(t + i * 33_333_334L, new byte[1600], sink);
        assertThat(stream.sendFailures()).isEqualTo(sink.rtp / 10);
        assertThat(stream.packets() + stream.sendFailures()).isEqualTo(sink.rtp);
        assertThat(stream.sentInWindow()).isEqualTo(stream.packets());
    }

    @Test
    void aStarvedSenderSkipsTheFramesItMissedInsteadOfBursting() {
        MeasureWindow window = new MeasureWindow();
        OutboundStream stream = new OutboundStream(0, StreamSpec.microphone(), 7, window);
        Sink sink = new Sink();
        long t = 1_000_000_000L;
        stream.sendDue(t, new byte[1600], sink);
        stream.sendDue(t + 1_000 * MS, new byte[1600], sink); // one second late
        assertThat(stream.framesSkipped()).isGreaterThan(35);
        assertThat(sink.rtp).isLessThan(15);
    }

    @Test
    void jitterFollowsRfc3550WithTheProbeSendTimes() {
        MeasureWindow window = new MeasureWindow();
        window.open(0);
        StreamMeter meter = new StreamMeter(new OutboundStream(3, StreamSpec.microphone(), 1, window), window);
        // transit alternates 1 ms and 3 ms: |D| = 2 ms each time, J converges to 2 ms
        for (int i = 0; i < 400; i++) {
            long sent = 1_000 * MS + i * 20 * MS;
            meter.packet(i, sent, sent + (i % 2 == 0 ? 1 : 3) * MS, 100);
        }
        assertThat(meter.jitterNanos() / MS).isCloseTo(2.0, within(0.01));
        // constant transit: no jitter, however large the latency
        StreamMeter steady = new StreamMeter(new OutboundStream(4, StreamSpec.microphone(), 1, window), window);
        for (int i = 0; i < 100; i++) steady.packet(i, i * 20 * MS, i * 20 * MS + 40 * MS, 100);
        assertThat(steady.jitterNanos()).isZero();
        assertThat(steady.latency().percentile(0.99) / 1e6).isCloseTo(40.0, within(0.7));
        steady.packet(50, 5 * MS, 50 * MS, 100);
        assertThat(steady.reordered()).isEqualTo(1);
    }

    @Test
    void videoFramesAreSplitIntoPacketsOfAtMostTwelveHundredBytes() {
        StreamSpec camera = StreamSpec.camera(2500);
        assertThat(camera.packetsPerFrame()).isEqualTo(9);
        assertThat(camera.payloadBytes()).isLessThanOrEqualTo(1200);
        assertThat(camera.packetsPerSecond() * camera.payloadBytes() * 8 / 1000).isCloseTo(2500, within(10.0));
        assertThat(camera.timestampStep()).isEqualTo(3000);
        StreamSpec screen = StreamSpec.screen(1000, 5);
        assertThat(screen.packetsPerFrame()).isEqualTo(21);
        assertThat(StreamSpec.microphone().packetsPerSecond()).isEqualTo(50.0);
        assertThat(StreamSpec.microphone().timestampStep()).isEqualTo(960);
    }
}
