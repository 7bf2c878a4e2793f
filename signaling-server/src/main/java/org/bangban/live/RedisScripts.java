package org.bangban.live;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Lua scripts that make each live-state change atomic, read from {@code redis/*.lua} on the class path with
 * {@code redis/common.lua} in front. They are loaded into Redis at start (so a broken script fails the node at
 * once) and run by SHA; if Redis lost its script cache (restart, failover, SCRIPT FLUSH) the script is sent in
 * full once, which loads it again.
 */
final class RedisScripts {
    private static final String[] NO_KEYS = new String[0];

    private record Script(String name, String source, String sha) {
    }

    private final RedisCommands<String, String> redis;
    private final Map<String, Script> scripts = new HashMap<>();

    RedisScripts(RedisCommands<String, String> redis, String... names) {
        this.redis = redis;
        String common = resource("common");
        for (String name : names) {
            String source = common + "\n" + resource(name);
            scripts.put(name, new Script(name, source, redis.scriptLoad(source)));
        }
    }

    /** The SHA-1 a script is loaded under, for running it asynchronously (EVALSHA). */
    String sha(String name) {
        Script script = scripts.get(name);
        if (script == null) throw new IllegalArgumentException("no live-state script named " + name);
        return script.sha();
    }

    /** Runs a script; every script takes the key prefix as its first argument. */
    <T> T run(String name, ScriptOutputType type, String... args) {
        Script script = scripts.get(name);
        if (script == null) throw new IllegalArgumentException("no live-state script named " + name);
        try {
            return redis.evalsha(script.sha(), type, NO_KEYS, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(script.source(), type, NO_KEYS, args);
        }
    }

    private static String resource(String name) {
        String path = "/redis/" + name + ".lua";
        try (InputStream in = RedisScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the live-state script " + path + " is missing from the class path; "
                        + "the server jar is incomplete, rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live-state script " + path, e);
        }
    }
}
