package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps payload types and header-extension ids consistent across the m-lines of one BUNDLE group: a number
 * already bound to one codec configuration (or extension URI) in the session is never reused for another (RFC
 * 8843 9.1, RFC 8285; Chromium and Firefox refuse such descriptions). A codec configuration or URI the session
 * already numbers keeps that number; otherwise the wanted number if free, else the lowest free one.
 */
final class BundleNumbering {

    private final Map<Integer, String> payloadTypes = new HashMap<>();
    private final Map<Integer, String> extensions = new HashMap<>();

    /** Records what a live m-line of the session already binds. */
    void register(MediaSection m) {
        for (PayloadType pt : m.payloadTypes()) {
            payloadTypes.putIfAbsent(pt.number(), signature(pt));
        }
        for (Extmap e : m.extmaps()) {
            extensions.putIfAbsent(e.id(), e.uri());
        }
    }

    List<RtpCodec> assign(List<RtpCodec> codecs) {
        List<RtpCodec> out = new ArrayList<>(codecs.size());
        for (RtpCodec c : codecs) {
            int pt = choosePayloadType(c.payloadType(), signature(c.name(), c.clockRate(), c.channels(), c.fmtp()));
            int rtx = RtpCodec.NO_RTX;
            if (c.hasRtx()) {
                rtx = choosePayloadType(c.rtxPayloadType(), signature("rtx", c.clockRate(), 0, "apt=" + pt));
            }
            out.add(new RtpCodec(pt, c.name(), c.clockRate(), c.channels(), c.fmtp(), c.rtcpFeedback(), rtx));
        }
        return out;
    }

    List<Extmap> assignExtensions(List<Extmap> wanted) {
        List<Extmap> out = new ArrayList<>(wanted.size());
        for (Extmap e : wanted) {
            int id = chooseExtensionId(e.id(), e.uri());
            out.add(new Extmap(id, e.direction(), e.uri(), e.attributes()));
        }
        return out;
    }

    private int choosePayloadType(int wanted, String signature) {
        int chosen = choose(payloadTypes, wanted, signature, 96, 127);
        chosen = chosen >= 0 ? chosen : choose(payloadTypes, wanted, signature, 35, 63);
        if (chosen < 0) {
            throw new IllegalArgumentException("no payload type left in the BUNDLE group for " + signature);
        }
        payloadTypes.put(chosen, signature);
        return chosen;
    }

    private int chooseExtensionId(int wanted, String uri) {
        int chosen = choose(extensions, wanted, uri, 1, 14);
        if (chosen < 0) {
            throw new IllegalArgumentException("no one-byte header extension id left in the BUNDLE group for " + uri);
        }
        extensions.put(chosen, uri);
        return chosen;
    }

    /** The number already bound to {@code value}, else {@code wanted} if free, else the lowest free in range. */
    private static int choose(Map<Integer, String> used, int wanted, String value, int from, int to) {
        if (value.equals(used.get(wanted))) {
            return wanted;
        }
        for (Map.Entry<Integer, String> e : used.entrySet()) {
            if (e.getValue().equals(value)) {
                return e.getKey();
            }
        }
        return used.containsKey(wanted) ? free(used, from, to) : wanted;
    }

    private static int free(Map<Integer, String> used, int from, int to) {
        for (int n = from; n <= to; n++) {
            if (!used.containsKey(n)) {
                return n;
            }
        }
        return -1;
    }

    private static String signature(PayloadType pt) {
        if (pt.rtpmap().isEmpty()) {
            return "static/" + pt.number();
        }
        RtpMap m = pt.rtpmap().get();
        return signature(m.encodingName(), m.clockRate(), m.channels(), pt.fmtp().orElse(""));
    }

    /** Name, clock, channels and the fmtp parameters in a canonical order. */
    private static String signature(String name, int clock, int channels, String fmtp) {
        return name.toLowerCase(Locale.ROOT) + "/" + clock + "/" + channels + ";"
                + new TreeMap<>(PayloadType.parseParameters(fmtp));
    }
}
