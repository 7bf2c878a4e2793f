package org.bangban.live;

/**
 * The Redis key names of one deployment's live state. Every key starts with {@code <prefix>:}; all nodes of a
 * deployment share the prefix. The Lua scripts build the same names (see {@code redis/common.lua}).
 *
 * <pre>
 * &lt;p&gt;:helpers                       set    helper ids ever logged in
 * &lt;p&gt;:helper:&lt;helperId&gt;             hash   profile (JSON), max, chosen, active, pending, idle, wrap, missed, away
 * &lt;p&gt;:helpers-version               string counter moved on by every change of a helper's hash
 * &lt;p&gt;:helpers-changed               zset   helper ids scored by the version of their last change
 * &lt;p&gt;:queue                         zset   waiting request ids scored by serviceKey (ties: id, lexicographic)
 * &lt;p&gt;:queue:&lt;place&gt;                 zset   the same, of one queue (item category) in one language
 *                                           ({@code HelpRequest.placeQueue()}): a request's position is its rank
 * &lt;p&gt;:request-queue                 hash   request id → its place queue's name
 * &lt;p&gt;:queue-language:&lt;language&gt;    zset   the same, of one language: a pairing pass reads those free helpers speak
 * &lt;p&gt;:request-language              hash   request id → its language ('' for none: then in no language's zset)
 * &lt;p&gt;:requests                      hash   request id → request JSON (declinedBy kept apart)
 * &lt;p&gt;:declined                      hash   request id → JSON array of helpers who declined it (absent when none)
 * &lt;p&gt;:request-applicant             hash   request id → applicant id
 * &lt;p&gt;:applicant-waiting             hash   applicant id → waiting request id
 * &lt;p&gt;:applicant-sessions            hash   applicant id → number of live sessions
 * &lt;p&gt;:offers                        hash   request id → open offer JSON
 * &lt;p&gt;:sessions                      hash   session id → live session JSON
 * &lt;p&gt;:principal-sessions:&lt;id&gt;       set    session ids an applicant or helper takes part in
 * &lt;p&gt;:connected:&lt;id&gt;              hash   node:&lt;nodeId&gt; → mark expiry (epoch ms), departed-node, departed-at;
 *                                           expires by itself (PEXPIRE) once no node refreshes it
 * &lt;p&gt;:deliver, &lt;p&gt;:kick              pub/sub channels of {@link RedisMessageBus}
 * </pre>
 */
record RedisKeys(String prefix) {

    RedisKeys {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the Redis key prefix of the live state is empty; "
                    + "set one shared by every node of the deployment (e.g. \"bangban\")");
        }
    }

    String helpers() {
        return prefix + ":helpers";
    }

    String helper(String helperId) {
        return prefix + ":helper:" + helperId;
    }

    String helpersVersion() {
        return prefix + ":helpers-version";
    }

    String helpersChanged() {
        return prefix + ":helpers-changed";
    }

    String queue() {
        return prefix + ":queue";
    }

    String queueLanguage(String language) {
        return prefix + ":queue-language:" + language;
    }

    String requestLanguage() {
        return prefix + ":request-language";
    }

    String requests() {
        return prefix + ":requests";
    }

    String declined() {
        return prefix + ":declined";
    }

    String applicantWaiting() {
        return prefix + ":applicant-waiting";
    }

    String offers() {
        return prefix + ":offers";
    }

    String sessions() {
        return prefix + ":sessions";
    }

    String principalSessions(String principalId) {
        return prefix + ":principal-sessions:" + principalId;
    }

    String connected(String principalId) {
        return prefix + ":connected:" + principalId;
    }

    String deliverChannel() {
        return prefix + ":deliver";
    }

    String kickChannel() {
        return prefix + ":kick";
    }
}
