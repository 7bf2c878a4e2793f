package org.bangban.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.LiveState;
import org.bangban.pairing.Catalog;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.ServiceItem;
import org.bangban.ws.Authenticator;

/** The basic endpoints: service items, staff login, the queues' wallboard basics (docs/api.md). */
public final class CoreApi implements ApiModule {
    private final Authenticator auth;
    private final Catalog catalog;
    private final LiveState live;

    public CoreApi(Authenticator auth, Catalog catalog, LiveState live) {
        this.auth = auth;
        this.catalog = catalog;
        this.live = live;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/items", this::items);
        router.post("/api/auth/login", this::login);
        router.get("/api/queues", this::queues);
        router.get("/api/helpers", this::helpers);
    }

    private ApiReply login(ApiCall call) {
        JsonNode body = call.json();
        String user = ApiCall.text(body, "username");
        char[] pw = ApiCall.text(body, "password").toCharArray();
        Optional<Principal> p;
        try {
            p = auth.login(user, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        if (p.isEmpty()) throw new ApiError(401, "auth_failed", "unknown user or wrong password");
        ObjectNode n = call.newObject();
        n.put("token", auth.issue(p.get()));
        n.put("principalId", p.get().id());
        n.put("role", p.get().role().name().toLowerCase(Locale.ROOT));
        n.put("displayName", p.get().displayName());
        return ApiReply.ok(n);
    }

    private ApiReply items(ApiCall call) {
        ObjectNode n = call.newObject();
        ArrayNode arr = n.putArray("items");
        for (ServiceItem i : catalog.items()) arr.add(call.mapper().valueToTree(i));
        return ApiReply.ok(n);
    }

    /** The wallboard's basics: waiting and longest wait per queue, helpers by state. */
    private ApiReply queues(ApiCall call) {
        call.require(Role.HELPER, Role.SUPERVISOR);
        long now = System.currentTimeMillis();
        Map<String, int[]> waiting = new TreeMap<>();
        Map<String, Long> longest = new TreeMap<>();
        for (HelpRequest r : live.waiting()) {
            waiting.computeIfAbsent(r.queue(), k -> new int[1])[0]++;
            longest.merge(r.queue(), now - r.arrivedAt(), Math::max);
        }
        ObjectNode n = call.newObject();
        ArrayNode qs = n.putArray("queues");
        waiting.forEach((q, c) -> qs.addObject().put("queue", q).put("waiting", c[0]).put("longestWaitMs", longest.get(q)));
        Map<String, Integer> states = new TreeMap<>();
        for (HelperPresence h : live.helpers()) {
            states.merge(h.effectiveStatus(now).name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        n.set("helpers", call.mapper().valueToTree(states));
        n.put("liveSessions", live.sessions().size());
        return ApiReply.ok(n);
    }

    /** The helpers logged in now and their skill groups: whom a helper can transfer a session to. */
    private ApiReply helpers(ApiCall call) {
        call.require(Role.HELPER, Role.SUPERVISOR);
        long now = System.currentTimeMillis();
        ObjectNode n = call.newObject();
        ArrayNode arr = n.putArray("helpers");
        Set<String> groups = new TreeSet<>();
        live.helpers().stream().filter(h -> h.effectiveStatus(now) != HelperStatus.OFFLINE)
                .sorted(Comparator.comparing((HelperPresence h) -> h.profile().displayName()))
                .forEach(h -> {
                    ObjectNode o = arr.addObject();
                    o.put("helperId", h.id());
                    o.put("displayName", h.profile().displayName());
                    o.put("status", h.effectiveStatus(now).name().toLowerCase(Locale.ROOT));
                    o.set("groups", call.mapper().valueToTree(new TreeSet<>(h.profile().groups())));
                    groups.addAll(h.profile().groups());
                });
        n.set("groups", call.mapper().valueToTree(groups));
        return ApiReply.ok(n);
    }
}
