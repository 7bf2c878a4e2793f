package org.bangban.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One mark of the remote pointer 远程标注 on the applicant's shared screen: where the helper points, a stroke it
 * draws, or a clear. Coordinates are fractions (0..1) of the shared surface — the captured tab's viewport as the
 * helper sees it in the video — so each side maps them to its own pixels (docs/protocol.md, "Remote pointer").
 *
 * @param op       {@code point} (a moving pointer, one point), {@code stroke} (a drawn line, 1..{@value #MAX_POINTS}
 *                 points; the same {@code strokeId} sent again continues it), {@code clear} (removes every mark)
 * @param strokeId the stroke a {@code stroke} mark belongs to (client-chosen, ≤ 32 of {@code [A-Za-z0-9_-]}); null
 *                 for point and clear
 * @param color    {@code #rrggbb}, or null for the default
 * @param points   x,y pairs in [0,1]
 */
public record PointerMark(String op, String strokeId, String color, List<double[]> points) {
    public static final int MAX_POINTS = 256;
    private static final Pattern STROKE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /**
     * Reads and checks a mark from a client message's fields.
     *
     * @throws IllegalArgumentException with a message for the client, naming the field
     */
    public static PointerMark parse(String op, String strokeId, String color, JsonNode points) {
        String o = op == null ? "" : op.toLowerCase(Locale.ROOT);
        if (!o.equals("point") && !o.equals("stroke") && !o.equals("clear")) {
            throw new IllegalArgumentException("'op' must be point, stroke or clear");
        }
        if (color != null && !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("'color' must be #rrggbb");
        }
        if (o.equals("clear")) return new PointerMark(o, null, null, List.of());
        if (o.equals("stroke") && (strokeId == null || !STROKE_ID.matcher(strokeId).matches())) {
            throw new IllegalArgumentException("'strokeId' is required for a stroke: 1 to 32 letters, digits, _ or -");
        }
        if (points == null || !points.isArray() || points.isEmpty()) {
            throw new IllegalArgumentException("'points' must be a non-empty list of [x, y] pairs");
        }
        int max = o.equals("point") ? 1 : MAX_POINTS;
        if (points.size() > max) {
            throw new IllegalArgumentException("'points' holds at most " + max + " pair(s) for a " + o);
        }
        List<double[]> list = new ArrayList<>(points.size());
        for (JsonNode p : points) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("each point must be [x, y] with numbers");
            }
            double x = p.get(0).asDouble();
            double y = p.get(1).asDouble();
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("point coordinates are fractions of the shared surface, 0 to 1");
            }
            list.add(new double[] {x, y});
        }
        return new PointerMark(o, o.equals("stroke") ? strokeId : null, color, List.copyOf(list));
    }
}
