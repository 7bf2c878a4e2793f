package org.bangban.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code GET /api/widget}: what the help button asks its Bangban server before it connects — whether the portal
 * page's origin may use the service, and whether the consent notice carries the recording clause. Readable from any
 * origin ({@code Access-Control-Allow-Origin: *}: it holds nothing private), so a portal that is not listed is told
 * so plainly instead of meeting a blocked request.
 */
public final class WidgetApi implements ApiModule {
    private final Origins origins;
    private final boolean recordingNotice;

    /**
     * @param recordingNotice {@code recording.notice}: the centre records its sessions by other means, so the
     *                        applicant is told before agreeing (Bangban itself records no media)
     */
    public WidgetApi(Origins origins, boolean recordingNotice) {
        this.origins = origins;
        this.recordingNotice = recordingNotice;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/widget", this::settings);
    }

    private ApiReply settings(ApiCall call) {
        String origin = call.header("Origin").orElse(null);
        ObjectNode n = call.newObject();
        n.put("originAllowed", origins.allows(origin, call.header("Host").orElse(null)));
        n.put("recordingNotice", recordingNotice);
        return new ApiReply.Json(200, n, Map.of("Access-Control-Allow-Origin", "*", "Vary", "Origin"));
    }
}
