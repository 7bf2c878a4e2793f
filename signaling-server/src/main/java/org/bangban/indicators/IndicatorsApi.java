package org.bangban.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiError;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiReply;
import org.bangban.http.ApiRouter;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;

/**
 * {@code GET /api/indicators} (JSON) and {@code GET /api/indicators.csv} (a spreadsheet), with {@code from}, {@code to}
 * (yyyy-MM-dd, inclusive, service time zone) and optional {@code by=helper|department|item|day} (docs/api.md,
 * "Indicators"). Supervisors see everything; a helper sees only its own figures (its row, and a total of its own
 * records); applicants are refused.
 */
public final class IndicatorsApi implements ApiModule {
    private final Indicators indicators;

    public IndicatorsApi(Indicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/indicators", call -> ApiReply.ok(json(call, indicators.report(query(call)))));
        router.get("/api/indicators.csv", call -> {
            IndicatorReport report = indicators.report(query(call));
            return new ApiReply.Text(200, "text/csv", IndicatorsCsv.write(report),
                    Map.of("Content-Disposition", "attachment; filename=\"" + IndicatorsCsv.fileName(report) + "\""));
        });
    }

    private static IndicatorQuery query(ApiCall call) {
        Principal p = call.require(Role.SUPERVISOR, Role.HELPER);
        LocalDate from = date(call, "from");
        LocalDate to = date(call, "to");
        Dimension by = null;
        if (call.query("by").isPresent()) {
            try {
                by = Dimension.ofParameter(call.query("by").get());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid(e.getMessage());
            }
        }
        String helper = null;
        if (p.role() == Role.HELPER) {
            if (by != null && by != Dimension.HELPER) {
                throw ApiError.forbidden("a helper sees only its own indicators: ask by=helper or without 'by';"
                        + " grouping by " + by.parameter() + " is for supervisors");
            }
            helper = p.id();
        }
        try {
            return new IndicatorQuery(from, to, by, helper);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }

    private static LocalDate date(ApiCall call, String name) {
        String v = call.query(name).orElseThrow(() -> ApiError.invalid("'" + name + "' is required: a day such as"
                + " 2026-11-26 (service time zone; from and to are both included)"));
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("'" + name + "' must be a day such as 2026-11-26, was '" + v + "'");
        }
    }

    private static ObjectNode json(ApiCall call, IndicatorReport r) {
        ObjectNode n = call.newObject();
        n.put("from", r.from().toString());
        n.put("to", r.to().toString());
        if (r.by() == null) n.putNull("by");
        else n.put("by", r.by().parameter());
        n.put("zone", r.zone());
        n.put("serviceLevelSeconds", r.serviceLevelMs() / 1000.0);
        n.put("percentileRelativeError", Histogram.RELATIVE_ERROR);
        n.set("total", row(call, r.total()));
        ArrayNode rows = n.putArray("rows");
        for (IndicatorRow row : r.rows()) rows.add(row(call, row));
        return n;
    }

    private static ObjectNode row(ApiCall call, IndicatorRow r) {
        ObjectNode n = call.newObject();
        n.put("key", r.key());
        n.put("label", r.label());
        n.put("sessions", r.sessions());
        n.put("requestsEnded", r.requestsEnded());
        n.put("cases", r.cases());
        n.set("responseTime", distribution(call, r.responseTime()));
        n.set("waitAnswered", distribution(call, r.waitPaired()));
        n.set("waitAbandoned", distribution(call, r.waitAbandoned()));
        n.set("handlingTime", distribution(call, r.handlingTime()));
        n.set("resolutionRate", rate(call, r.resolution()));
        n.set("partlyResolvedRate", rate(call, r.partlyResolved()));
        n.set("satisfactionRate", rate(call, r.satisfaction()));
        n.set("abandonmentRate", rate(call, r.abandonment()));
        n.set("serviceLevel", rate(call, r.serviceLevel()));
        n.set("followUpRate", rate(call, r.followUp()));
        n.set("onTimeRectificationRate", rate(call, r.onTimeRectification()));
        return n;
    }

    private static ObjectNode distribution(ApiCall call, Distribution d) {
        ObjectNode n = call.newObject();
        n.put("count", d.count());
        n.put("meanMs", d.meanMs());
        n.put("p50Ms", d.p50Ms());
        n.put("p90Ms", d.p90Ms());
        n.put("p99Ms", d.p99Ms());
        return n;
    }

    private static ObjectNode rate(ApiCall call, Rate r) {
        ObjectNode n = call.newObject();
        n.put("numerator", r.numerator());
        n.put("denominator", r.denominator());
        n.put("value", r.value());
        return n;
    }
}
