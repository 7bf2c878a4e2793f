package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.bangban.relay.sdp.SdpParseResult.Reason;

/**
 * Reads SDP text (RFC 8866 with the WebRTC attributes of JSEP, RFC 8829) into a {@link SessionDescription}.
 * Accepts CRLF or LF line ends. Never throws for bad input: returns {@link SdpParseResult.Invalid} naming the
 * line and the fault. Attributes it does not interpret are kept verbatim.
 */
public final class SdpParser {

    /** Longest text accepted, in characters (a browser offer with dozens of m-lines stays far below). */
    public static final int MAX_CHARS = 512 * 1024;
    public static final int MAX_LINE_CHARS = 8192;
    public static final int MAX_MEDIA_SECTIONS = 512;

    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final int DETAIL_QUOTE = 80;

    private SdpParser() {
    }

    public static SdpParseResult parse(String sdp) {
        if (sdp == null) {
            return new SdpParseResult.Invalid(Reason.NULL_INPUT, 0, "no SDP text");
        }
        if (sdp.length() > MAX_CHARS) {
            return new SdpParseResult.Invalid(Reason.TOO_LARGE, 0,
                    "SDP text of " + sdp.length() + " characters is longer than " + MAX_CHARS);
        }
        try {
            return new SdpParseResult.Parsed(new Run(sdp).parse());
        } catch (Failure f) {
            return new SdpParseResult.Invalid(f.reason, f.line, f.detail);
        }
    }

    /** Internal early exit; never leaves {@link #parse}. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Reason reason;
        final int line;
        final String detail;

        Failure(Reason reason, int line, String detail) {
            super(null, null, false, false);
            this.reason = reason;
            this.line = line;
            this.detail = detail;
        }
    }

    /** One parse: the text and what has been read of it so far. */
    private static final class Run {
        private final String text;
        private int lineNo;
        private String line = "";
        private int meaningfulLines;

        private Origin origin;
        private String sessionName;
        private final List<SdpLine> sessionLines = new ArrayList<>();
        private boolean iceLite;
        private final TransportAcc sessionTransport = new TransportAcc();
        private final List<Group> groups = new ArrayList<>();
        private final List<Attribute> sessionAttributes = new ArrayList<>();
        private boolean sawTiming;

        private final List<MediaSection> media = new ArrayList<>();
        private final Set<String> mids = new HashSet<>();
        private MediaAcc current;

        Run(String text) {
            this.text = text;
        }

        SessionDescription parse() throws Failure {
            int pos = 0;
            int n = text.length();
            while (pos < n) {
                int nl = text.indexOf('\n', pos);
                int end = nl < 0 ? n : nl;
                int next = nl < 0 ? n : nl + 1;
                if (end > pos && text.charAt(end - 1) == '\r') {
                    end--;
                }
                lineNo++;
                if (end - pos > MAX_LINE_CHARS) {
                    line = text.substring(pos, pos + DETAIL_QUOTE);
                    throw fail(Reason.LINE_TOO_LONG, "line longer than " + MAX_LINE_CHARS + " characters");
                }
                line = text.substring(pos, end);
                pos = next;
                if (line.isEmpty()) {
                    if (pos >= n) {
                        break; // one blank line at the very end
                    }
                    throw fail(Reason.BAD_LINE_SYNTAX, "empty line");
                }
                handleLine();
            }
            lineNo = 0;
            if (meaningfulLines == 0) {
                throw fail(Reason.EMPTY, "no SDP lines");
            }
            if (meaningfulLines < 2) {
                throw fail(Reason.MISSING_ORIGIN, "no o= line");
            }
            if (meaningfulLines < 3) {
                throw fail(Reason.MISSING_SESSION_NAME, "no s= line");
            }
            if (!sawTiming) {
                throw fail(Reason.MISSING_TIMING, "no t= line at session level");
            }
            finishMedia();
            return new SessionDescription(origin, sessionName, sessionLines, iceLite, sessionTransport.build(),
                    groups, sessionAttributes, media);
        }

        private void handleLine() throws Failure {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    throw fail(Reason.BAD_CHARACTER, "control character 0x" + Integer.toHexString(c) + " in line");
                }
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw fail(Reason.BAD_LINE_SYNTAX, "not <letter>=<value>");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            meaningfulLines++;
            switch (meaningfulLines) {
                case 1 -> {
                    if (type != 'v') {
                        throw fail(Reason.MISSING_VERSION, "the first line must be v=0");
                    }
                    if (!value.equals("0")) {
                        throw fail(Reason.BAD_VERSION, "only SDP version 0 exists");
                    }
                    return;
                }
                case 2 -> {
                    if (type != 'o') {
                        throw fail(Reason.MISSING_ORIGIN, "the second line must be o=");
                    }
                    origin = parseOrigin(value);
                    return;
                }
                case 3 -> {
                    if (type != 's') {
                        throw fail(Reason.MISSING_SESSION_NAME, "the third line must be s=");
                    }
                    sessionName = value;
                    return;
                }
                default -> {
                    // below
                }
            }
            switch (type) {
                case 'v', 'o', 's' -> throw fail(Reason.LINE_OUT_OF_PLACE, type + "= may appear only once, at the top");
                case 'm' -> startMedia(value);
                case 'a' -> {
                    if (current == null) {
                        sessionAttribute(value);
                    } else {
                        mediaAttribute(value);
                    }
                }
                case 'i', 'c', 'b', 'k' -> {
                    if (current == null) {
                        sessionLines.add(new SdpLine(type, value));
                    } else {
                        current.lines.add(new SdpLine(type, value));
                    }
                }
                case 'u', 'e', 'p', 't', 'r', 'z' -> {
                    if (current != null) {
                        throw fail(Reason.LINE_OUT_OF_PLACE, type + "= belongs to the session level, not an m-line");
                    }
                    sawTiming |= type == 't';
                    sessionLines.add(new SdpLine(type, value));
                }
                default -> throw fail(Reason.UNKNOWN_LINE_TYPE, "unknown line type " + type + "=");
            }
        }

        private Origin parseOrigin(String value) throws Failure {
            String[] t = tokens(value);
            if (t.length != 6) {
                throw fail(Reason.BAD_ORIGIN, "o= needs 6 fields: username sess-id sess-version nettype addrtype address");
            }
            long version = number(t[2], Long.MAX_VALUE);
            if (version < 0) {
                throw fail(Reason.BAD_ORIGIN, "session version is not a number");
            }
            return new Origin(t[0], t[1], version, t[3], t[4], t[5]);
        }

        private void startMedia(String value) throws Failure {
            if (!sawTiming) {
                throw fail(Reason.MISSING_TIMING, "no t= line before the first m= line");
            }
            if (media.size() + (current == null ? 0 : 1) >= MAX_MEDIA_SECTIONS) {
                throw fail(Reason.TOO_MANY_MEDIA_SECTIONS, "more than " + MAX_MEDIA_SECTIONS + " m-lines");
            }
            finishMedia();
            String[] t = tokens(value);
            if (t.length < 4) {
                throw fail(Reason.BAD_MEDIA_LINE, "m= needs media, port, protocol and at least one format");
            }
            String portField = t[1];
            int slash = portField.indexOf('/');
            long port = number(slash < 0 ? portField : portField.substring(0, slash), 65535);
            long count = slash < 0 ? 0 : number(portField.substring(slash + 1), 65535);
            if (port < 0 || count < 0 || (slash >= 0 && count == 0)) {
                throw fail(Reason.BAD_MEDIA_LINE, "bad port " + portField);
            }
            MediaAcc acc = new MediaAcc(MediaSection.builder(t[0], (int) port, t[2]).portCount((int) count), t[2]);
            List<String> formats = new ArrayList<>();
            for (int i = 3; i < t.length; i++) {
                formats.add(t[i]);
            }
            if (acc.rtp) {
                for (String f : formats) {
                    long pt = number(f, 127);
                    if (pt < 0) {
                        throw fail(Reason.BAD_MEDIA_LINE, "RTP format " + f + " is not a payload type 0..127");
                    }
                    if (!acc.formatPts.add((int) pt)) {
                        throw fail(Reason.BAD_MEDIA_LINE, "payload type " + pt + " listed twice");
                    }
                }
            }
            acc.formats = formats;
            current = acc;
        }

        private void finishMedia() {
            if (current == null) {
                return;
            }
            List<PayloadType> pts = new ArrayList<>();
            for (int pt : current.formatPts) {
                pts.add(new PayloadType(pt, Optional.ofNullable(current.rtpmaps.get(pt)),
                        Optional.ofNullable(current.fmtps.get(pt)), current.feedback.getOrDefault(pt, List.of())));
            }
            current.builder.payloadTypes(pts).formats(current.formats); // the m-line tokens exactly as written
            media.add(current.builder.lines(current.lines).transport(current.transport.build())
                    .candidates(current.candidates).extmaps(current.extmaps).msids(current.msids)
                    .ssrcGroups(current.ssrcGroups).ssrcAttributes(current.ssrcAttributes)
                    .attributes(current.attributes).build());
            current = null;
        }

        private void sessionAttribute(String raw) throws Failure {
            Attr a = splitAttribute(raw);
            if (sessionTransport.accept(a, this)) {
                return;
            }
            switch (a.name) {
                case "ice-lite" -> {
                    requireFlag(a);
                    iceLite = true;
                }
                case "group" -> groups.add(parseGroup(requireValue(a)));
                default -> sessionAttributes.add(new Attribute(a.name, a.value));
            }
        }

        private void mediaAttribute(String raw) throws Failure {
            Attr a = splitAttribute(raw);
            MediaAcc m = current;
            if (m.transport.accept(a, this)) {
                return;
            }
            switch (a.name) {
                case "mid" -> {
                    String mid = requireValue(a);
                    if (m.hasMid) {
                        throw fail(Reason.DUPLICATE_ATTRIBUTE, "second a=mid in one m-line");
                    }
                    if (mid.isEmpty() || mid.length() > 256 || !isToken(mid)) {
                        throw fail(Reason.BAD_MID, "a=mid needs a token (no spaces)");
                    }
                    if (!mids.add(mid)) {
                        throw fail(Reason.DUPLICATE_MID, "mid " + mid + " is used by an earlier m-line");
                    }
                    m.hasMid = true;
                    m.builder.mid(mid);
                }
                case "sendrecv", "sendonly", "recvonly", "inactive" -> {
                    requireFlag(a);
                    if (m.hasDirection) {
                        throw fail(Reason.DUPLICATE_ATTRIBUTE, "second direction attribute in one m-line");
                    }
                    m.hasDirection = true;
                    m.builder.direction(Direction.fromToken(a.name).orElseThrow());
                }
                case "rtcp-mux" -> {
                    requireFlag(a);
                    m.builder.rtcpMux(true);
                }
                case "rtcp-rsize" -> {
                    requireFlag(a);
                    m.builder.rtcpRsize(true);
                }
                case "end-of-candidates" -> {
                    requireFlag(a);
                    m.builder.endOfCandidates(true);
                }
                case "candidate" -> m.candidates.add(parseCandidate(requireValue(a)));
                case "extmap" -> {
                    Extmap e = parseExtmap(requireValue(a));
                    if (!m.extmapIds.add(e.id())) {
                        throw fail(Reason.DUPLICATE_ATTRIBUTE, "extmap id " + e.id() + " used twice");
                    }
                    m.extmaps.add(e);
                }
                case "msid" -> m.msids.add(parseMsid(requireValue(a)));
                case "ssrc" -> m.ssrcAttributes.add(parseSsrc(requireValue(a)));
                case "ssrc-group" -> m.ssrcGroups.add(parseSsrcGroup(requireValue(a)));
                case "rtpmap", "fmtp", "rtcp-fb" -> payloadAttribute(a);
                default -> m.attributes.add(new Attribute(a.name, a.value));
            }
        }

        /** rtpmap/fmtp/rtcp-fb: interpreted for a payload type of this RTP m-line, else kept verbatim. */
        private void payloadAttribute(Attr a) throws Failure {
            MediaAcc m = current;
            String value = requireValue(a);
            Reason bad = switch (a.name) {
                case "rtpmap" -> Reason.BAD_RTPMAP;
                case "fmtp" -> Reason.BAD_FMTP;
                default -> Reason.BAD_RTCP_FB;
            };
            int sp = value.indexOf(' ');
            String head = sp < 0 ? value : value.substring(0, sp);
            long pt = number(head, 127);
            if (!m.rtp || head.equals("*") || (pt >= 0 && !m.formatPts.contains((int) pt))) {
                m.attributes.add(new Attribute(a.name, a.value));
                return;
            }
            if (pt < 0) {
                throw fail(bad, "a=" + a.name + " must start with a payload type 0..127");
            }
            if (sp < 0) {
                throw fail(bad, "a=" + a.name + " has nothing after the payload type");
            }
            String rest = value.substring(sp + 1);
            int p = (int) pt;
            switch (a.name) {
                case "rtpmap" -> {
                    if (m.rtpmaps.containsKey(p)) {
                        throw fail(Reason.DUPLICATE_ATTRIBUTE, "second a=rtpmap for payload type " + p);
                    }
                    m.rtpmaps.put(p, parseRtpMap(rest));
                }
                case "fmtp" -> {
                    if (m.fmtps.containsKey(p)) {
                        throw fail(Reason.DUPLICATE_ATTRIBUTE, "second a=fmtp for payload type " + p);
                    }
                    m.fmtps.put(p, rest);
                }
                default -> {
                    if (rest.isBlank()) {
                        throw fail(bad, "a=rtcp-fb without a feedback type");
                    }
                    m.feedback.computeIfAbsent(p, k -> new ArrayList<>()).add(rest);
                }
            }
        }

        private RtpMap parseRtpMap(String rest) throws Failure {
            String[] parts = rest.split("/", -1);
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !isToken(parts[0])) {
                throw fail(Reason.BAD_RTPMAP, "a=rtpmap needs <encoding>/<clock rate>[/<channels>]");
            }
            long clock = number(parts[1], Integer.MAX_VALUE);
            long channels = parts.length == 3 ? number(parts[2], 255) : 0;
            if (clock <= 0 || channels < 0 || (parts.length == 3 && channels == 0)) {
                throw fail(Reason.BAD_RTPMAP, "a=rtpmap clock rate or channel count is not a positive number");
            }
            return new RtpMap(parts[0], (int) clock, (int) channels);
        }

        private Extmap parseExtmap(String value) throws Failure {
            int sp = value.indexOf(' ');
            if (sp < 0) {
                throw fail(Reason.BAD_EXTMAP, "a=extmap needs <id>[/<direction>] <uri>");
            }
            String head = value.substring(0, sp);
            String rest = value.substring(sp + 1);
            int sp2 = rest.indexOf(' ');
            String uri = sp2 < 0 ? rest : rest.substring(0, sp2);
            Optional<String> attributes = sp2 < 0 ? Optional.empty() : Optional.of(rest.substring(sp2 + 1));
            int slash = head.indexOf('/');
            long id = number(slash < 0 ? head : head.substring(0, slash), 4351);
            Optional<Direction> dir = slash < 0 ? Optional.empty() : Direction.fromToken(head.substring(slash + 1));
            if (id < 1 || (slash >= 0 && dir.isEmpty())) {
                throw fail(Reason.BAD_EXTMAP, "a=extmap id must be 1..4351 with an optional /direction");
            }
            if (uri.isEmpty() || !noWhitespace(uri)) {
                throw fail(Reason.BAD_EXTMAP, "a=extmap without a URI");
            }
            return new Extmap((int) id, dir, uri, attributes);
        }

        private Msid parseMsid(String value) throws Failure {
            String[] t = tokens(value);
            if (t.length < 1 || t.length > 2) {
                throw fail(Reason.BAD_MSID, "a=msid needs <stream id> [<track id>]");
            }
            return new Msid(t[0], t.length == 2 ? Optional.of(t[1]) : Optional.empty());
        }

        private SsrcAttribute parseSsrc(String value) throws Failure {
            int sp = value.indexOf(' ');
            long ssrc = number(sp < 0 ? value : value.substring(0, sp), MAX_U32);
            if (ssrc < 0 || sp < 0) {
                throw fail(Reason.BAD_SSRC, "a=ssrc needs <ssrc 0..4294967295> <attribute>[:<value>]");
            }
            String rest = value.substring(sp + 1);
            int colon = rest.indexOf(':');
            String name = colon < 0 ? rest : rest.substring(0, colon);
            if (name.isEmpty() || !noWhitespace(name)) {
                throw fail(Reason.BAD_SSRC, "a=ssrc attribute name missing or has spaces");
            }
            return new SsrcAttribute(ssrc, name, colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1)));
        }

        private SsrcGroup parseSsrcGroup(String value) throws Failure {
            String[] t = tokens(value);
            if (t.length < 2) {
                throw fail(Reason.BAD_SSRC_GROUP, "a=ssrc-group needs <semantics> <ssrc>...");
            }
            List<Long> ssrcs = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                long s = number(t[i], MAX_U32);
                if (s < 0) {
                    throw fail(Reason.BAD_SSRC_GROUP, "a=ssrc-group member " + t[i] + " is not an SSRC");
                }
                ssrcs.add(s);
            }
            return new SsrcGroup(t[0], ssrcs);
        }

        private Group parseGroup(String value) throws Failure {
            String[] t = tokens(value);
            if (t.length < 1) {
                throw fail(Reason.BAD_GROUP, "a=group needs <semantics> [<mid>...]");
            }
            List<String> groupMids = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                groupMids.add(t[i]);
            }
            return new Group(t[0], groupMids);
        }

        private Candidate parseCandidate(String value) throws Failure {
            String[] t = tokens(value);
            if (t.length < 8 || !t[6].equals("typ")) {
                throw fail(Reason.BAD_CANDIDATE,
                        "a=candidate needs <foundation> <component> <transport> <priority> <address> <port> typ <type>");
            }
            if (t[0].length() > 32 || !isIceChars(t[0])) {
                throw fail(Reason.BAD_CANDIDATE, "candidate foundation must be 1..32 ICE characters");
            }
            long component = number(t[1], 256);
            long priority = number(t[3], MAX_U32);
            long port = number(t[5], 65535);
            if (component < 1 || priority < 0 || port < 0) {
                throw fail(Reason.BAD_CANDIDATE, "candidate component, priority or port out of range");
            }
            if ((t.length - 8) % 2 != 0) {
                throw fail(Reason.BAD_CANDIDATE, "candidate extensions must be name/value pairs");
            }
            String raddr = null;
            String tcpType = null;
            Integer rport = null;
            List<String> ext = new ArrayList<>();
            for (int i = 8; i < t.length; i += 2) {
                String k = t[i];
                String v = t[i + 1];
                if (k.equals("raddr") && raddr == null) {
                    raddr = v;
                } else if (k.equals("rport") && rport == null) {
                    long rp = number(v, 65535);
                    if (rp < 0) {
                        throw fail(Reason.BAD_CANDIDATE, "candidate rport out of range");
                    }
                    rport = (int) rp;
                } else if (k.equals("tcptype") && tcpType == null) {
                    tcpType = v;
                } else if (k.equals("raddr") || k.equals("rport") || k.equals("tcptype")) {
                    throw fail(Reason.BAD_CANDIDATE, "candidate has two " + k);
                } else {
                    ext.add(k);
                    ext.add(v);
                }
            }
            return new Candidate(t[0], (int) component, t[2], priority, t[4], (int) port, t[7],
                    Optional.ofNullable(raddr), Optional.ofNullable(rport), Optional.ofNullable(tcpType), ext);
        }

        /** Splits {@code name[:value]}. */
        private Attr splitAttribute(String raw) throws Failure {
            int colon = raw.indexOf(':');
            String name = colon < 0 ? raw : raw.substring(0, colon);
            if (name.isEmpty() || !noWhitespace(name)) {
                throw fail(Reason.BAD_ATTRIBUTE, "attribute name missing or has spaces");
            }
            return new Attr(name, colon < 0 ? Optional.empty() : Optional.of(raw.substring(colon + 1)));
        }

        String requireValue(Attr a) throws Failure {
            if (a.value.isEmpty()) {
                throw fail(Reason.BAD_ATTRIBUTE, "a=" + a.name + " needs a value");
            }
            return a.value.get();
        }

        void requireFlag(Attr a) throws Failure {
            if (a.value.isPresent()) {
                throw fail(Reason.BAD_ATTRIBUTE, "a=" + a.name + " takes no value");
            }
        }

        Failure fail(Reason reason, String what) {
            String quoted = line.length() > DETAIL_QUOTE ? line.substring(0, DETAIL_QUOTE) + "..." : line;
            return new Failure(reason, lineNo, lineNo > 0 ? what + " in '" + quoted + "'" : what);
        }
    }

    private record Attr(String name, Optional<String> value) {
    }

    /** The ICE/DTLS attributes read at one level. */
    private static final class TransportAcc {
        private String ufrag;
        private String pwd;
        private final List<String> options = new ArrayList<>();
        private final List<Fingerprint> fingerprints = new ArrayList<>();
        private Setup setup;

        /** Takes the attribute if it is one of the transport ones; false if it is not. */
        boolean accept(Attr a, Run run) throws Failure {
            switch (a.name) {
                case "ice-ufrag" -> {
                    String v = run.requireValue(a);
                    if (ufrag != null) {
                        throw run.fail(Reason.DUPLICATE_ATTRIBUTE, "second a=ice-ufrag");
                    }
                    if (v.length() < 4 || v.length() > 256 || !isIceChars(v)) {
                        throw run.fail(Reason.BAD_ICE_CREDENTIALS, "a=ice-ufrag must be 4..256 ICE characters");
                    }
                    ufrag = v;
                }
                case "ice-pwd" -> {
                    String v = run.requireValue(a);
                    if (pwd != null) {
                        throw run.fail(Reason.DUPLICATE_ATTRIBUTE, "second a=ice-pwd");
                    }
                    if (v.length() < 22 || v.length() > 256 || !isIceChars(v)) {
                        throw run.fail(Reason.BAD_ICE_CREDENTIALS, "a=ice-pwd must be 22..256 ICE characters");
                    }
                    pwd = v;
                }
                case "ice-options" -> {
                    String[] t = tokens(run.requireValue(a));
                    if (t.length == 0) {
                        throw run.fail(Reason.BAD_ICE_OPTIONS, "a=ice-options without options");
                    }
                    options.addAll(List.of(t));
                }
                case "fingerprint" -> fingerprints.add(parseFingerprint(run.requireValue(a), run));
                case "setup" -> {
                    String v = run.requireValue(a);
                    if (setup != null) {
                        throw run.fail(Reason.DUPLICATE_ATTRIBUTE, "second a=setup");
                    }
                    setup = Setup.fromToken(v).orElseThrow(
                            () -> run.fail(Reason.BAD_SETUP, "a=setup must be active, passive, actpass or holdconn"));
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static Fingerprint parseFingerprint(String value, Run run) throws Failure {
            String[] t = tokens(value);
            if (t.length != 2 || !isToken(t[0]) || !isColonHex(t[1])) {
                throw run.fail(Reason.BAD_FINGERPRINT, "a=fingerprint needs <hash function> <hex pairs joined by :>");
            }
            return new Fingerprint(t[0], t[1]);
        }

        TransportAttributes build() {
            return new TransportAttributes(Optional.ofNullable(ufrag), Optional.ofNullable(pwd), options,
                    fingerprints, Optional.ofNullable(setup));
        }
    }

    /** What has been read of the current m-line. */
    private static final class MediaAcc {
        final MediaSection.Builder builder;
        final boolean rtp;
        final Set<Integer> formatPts = new LinkedHashSet<>();
        final Map<Integer, RtpMap> rtpmaps = new HashMap<>();
        final Map<Integer, String> fmtps = new HashMap<>();
        final Map<Integer, List<String>> feedback = new HashMap<>();
        final Set<Integer> extmapIds = new HashSet<>();
        final List<SdpLine> lines = new ArrayList<>();
        final TransportAcc transport = new TransportAcc();
        final List<Candidate> candidates = new ArrayList<>();
        final List<Extmap> extmaps = new ArrayList<>();
        final List<Msid> msids = new ArrayList<>();
        final List<SsrcGroup> ssrcGroups = new ArrayList<>();
        final List<SsrcAttribute> ssrcAttributes = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        List<String> formats = List.of();
        boolean hasMid;
        boolean hasDirection;

        MediaAcc(MediaSection.Builder builder, String protocol) {
            this.builder = builder;
            this.rtp = MediaSection.isRtpProtocol(protocol);
        }
    }

    // ---- lexical helpers -------------------------------------------------------------------------------------

    /** Splits on runs of spaces and tabs; no empty tokens. */
    static String[] tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A non-negative decimal number not above {@code max}, or -1. */
    static long number(String s, long max) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || v > (max - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean noWhitespace(String s) {
        return s.chars().noneMatch(c -> isSpace((char) c));
    }

    /** RFC 8866 token-char. */
    static boolean isToken(String s) {
        return allOf(s, c -> c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D
                || c == 0x2E || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E));
    }

    /** RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s) {
        return allOf(s, c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                || c == '/');
    }

    private static boolean allOf(String s, IntPredicate ok) {
        return !s.isEmpty() && s.chars().allMatch(ok);
    }

    /** {@code hh(:hh)*}, 1..64 bytes. */
    static boolean isColonHex(String s) {
        int n = s.length();
        if (n < 2 || n > 64 * 3 - 1 || (n + 1) % 3 != 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2) {
                if (c != ':') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
