package org.bangban.relay.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.relay.rtcp.RtcpTest.hex;
import static org.bangban.relay.rtcp.RtcpTest.parsed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PID/BLP packing (RFC 4585 6.2.1) at its edges. */
class GenericNackTest {

    /** The FCI part (PID/BLP pairs) of the written NACK, as hex. */
    private static String fci(List<Integer> lost) {
        GenericNack nack = new GenericNack(1, 2, lost);
        byte[] out = new byte[nack.size()];
        nack.write(out, 0);
        assertThat(parsed(out)).containsExactly(nack);
        return HexFormat.of().formatHex(out, 12, out.length);
    }

    private static List<Integer> range(int from, int count) {
        return IntStream.range(0, count).mapToObj(i -> (from + i) & 0xFFFF).collect(Collectors.toList());
    }

    @Test
    void aPidCoversItselfAndTheSixteenAfterIt() {
        assertThat(fci(List.of(5))).isEqualTo("00050000");
        assertThat(fci(range(5, 17))).isEqualTo("0005ffff");
        assertThat(fci(range(5, 18))).isEqualTo("0005ffff" + "00160000");
        assertThat(fci(List.of(5, 21))).isEqualTo("00058000");
        assertThat(fci(List.of(5, 22))).isEqualTo("00050000" + "00160000");
    }

    @Test
    void packsAcrossTheWrap() {
        assertThat(fci(List.of(65534, 65535, 0, 1))).isEqualTo("fffe0007");
        assertThat(fci(List.of(1, 0, 65535))).isEqualTo("ffff0003");
        // 65530..65535 and 0..10 under the first PID; 11, 12, 13 under the second
        assertThat(fci(range(65530, 20))).isEqualTo("fffaffff" + "000b0003");
        assertThat(new GenericNack(1, 2, List.of(3, 65535, 0, 65535)).lostSequenceNumbers()).containsExactly(65535, 0, 3);
    }

    @Test
    void canonicalOrderStartsAfterTheLargestGap() {
        assertThat(GenericNack.canonical(List.of(30000, 10, 20))).containsExactly(10, 20, 30000);
        assertThat(GenericNack.canonical(List.of(40000, 10, 65000))).containsExactly(40000, 65000, 10);
        assertThat(GenericNack.canonical(List.of())).isEmpty();
        assertThatThrownBy(() -> new GenericNack(1, 2, List.of(65536))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenericNack(1, 2, List.of(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesEveryBitOfTheMaskIncludingWrap() {
        byte[] b = hex("81 cd 0004 00000001 00000002 fff0 ffff 0010 8001");
        // PID 65520 with all bits: 65520..65535 and 0; PID 16 with bits 0 and 15: 16, 17, 32
        assertThat(((GenericNack) parsed(b).get(0)).lostSequenceNumbers())
                .isEqualTo(concat(range(65520, 17), List.of(16, 17, 32)));
        int[] small = new int[5];
        assertThat(GenericNack.lostSequenceNumbers(b, 0, b.length, small)).isEqualTo(5);
        assertThat(small).containsExactly(65520, 65521, 65522, 65523, 65524);
        int[] all = new int[40];
        assertThat(GenericNack.lostSequenceNumbers(b, 0, b.length, all)).isEqualTo(20);
        assertThat(Arrays.copyOfRange(all, 16, 20)).containsExactly(0, 16, 17, 32);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    @Test
    void randomSetsSurviveEncodeAndDecode() {
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            int start = rnd.nextInt(65536);
            Set<Integer> lost = new TreeSet<>();
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                lost.add((start + rnd.nextInt(300)) & 0xFFFF);
            }
            GenericNack nack = new GenericNack(1, 2, new ArrayList<>(lost));
            byte[] out = new byte[nack.size()];
            nack.write(out, 0);
            GenericNack back = (GenericNack) parsed(out).get(0);
            assertThat(back).isEqualTo(nack);
            assertThat(Set.copyOf(back.lostSequenceNumbers())).isEqualTo(lost);
            assertThat(nack.size()).isLessThanOrEqualTo(12 + 4 * lost.size());
        }
    }
}
