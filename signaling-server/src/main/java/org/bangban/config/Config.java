package org.bangban.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Bangban's configuration: built-in defaults ({@code bangban-defaults.properties}), then an optional file, then
 * environment variables ({@code BANGBAN_HTTP_PORT} overrides {@code http.port}). Works with nothing set.
 */
public final class Config {
    private final Map<String, String> values;
    private final String source;

    private Config(Map<String, String> values, String source) {
        this.values = values;
        this.source = source;
    }

    /** Loads defaults, then the file named by BANGBAN_CONFIG (or ./bangban.properties if present), then the environment. */
    public static Config load(Map<String, String> env) {
        Map<String, String> v = new TreeMap<>(readDefaults());
        String file = env.getOrDefault("BANGBAN_CONFIG", "");
        Path path = file.isBlank() ? Path.of("bangban.properties") : Path.of(file);
        String source = "defaults";
        if (Files.isRegularFile(path)) {
            v.putAll(readFile(path));
            source = "defaults + " + path.toAbsolutePath();
        } else if (!file.isBlank()) {
            throw new ConfigException("BANGBAN_CONFIG names " + path.toAbsolutePath()
                    + " but there is no such file; fix the path or unset BANGBAN_CONFIG");
        }
        boolean fromEnv = false;
        for (String key : new java.util.ArrayList<>(v.keySet())) {
            String envName = envName(key);
            if (env.containsKey(envName)) {
                v.put(key, env.get(envName));
                fromEnv = true;
            }
        }
        if (fromEnv) source += " + environment";
        return new Config(v, source);
    }

    /** Defaults overridden by the given pairs: for tests and embedding. */
    public static Config of(Map<String, String> overrides) {
        Map<String, String> v = new TreeMap<>(readDefaults());
        for (var e : overrides.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                throw new ConfigException("unknown configuration key '" + e.getKey() + "'");
            }
            v.put(e.getKey(), e.getValue());
        }
        return new Config(v, "defaults + given overrides");
    }

    public Config with(String key, String value) {
        Map<String, String> v = new TreeMap<>(values);
        if (!v.containsKey(key)) throw new ConfigException("unknown configuration key '" + key + "'");
        v.put(key, value);
        return new Config(v, source);
    }

    public static String envName(String key) {
        return "BANGBAN_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String source() {
        return source;
    }

    public String string(String key) {
        String s = values.get(key);
        if (s == null) throw new ConfigException("unknown configuration key '" + key + "'");
        return s.trim();
    }

    /** The value, or null when blank. */
    public String optional(String key) {
        String s = string(key);
        return s.isEmpty() ? null : s;
    }

    public int integer(String key) {
        String s = string(key);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " (" + envName(key) + ") must be a whole number, was '" + s + "'");
        }
    }

    public boolean bool(String key, boolean dflt) {
        String s = string(key).toLowerCase(Locale.ROOT);
        if (s.isEmpty()) return dflt;
        return switch (s) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key + " (" + envName(key) + ") must be true or false, was '" + s + "'");
        };
    }

    public Duration duration(String key) {
        String s = string(key);
        try {
            if (s.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(s));
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key + " (" + envName(key) + ") must be a duration like PT30S or a number of seconds, was '" + s + "'");
        }
    }

    public boolean production() {
        return "production".equalsIgnoreCase(string("profile")) || optional("redis.url") != null || optional("db.url") != null;
    }

    /** Demo data: on by default on the embedded profile; refused on production. */
    public boolean demo() {
        boolean prod = production();
        boolean demo = bool("demo", !prod);
        if (demo && prod) {
            throw new ConfigException("demo=true (BANGBAN_DEMO) is refused on a production configuration "
                    + "(profile=production, or redis.url / db.url set): demo accounts have a published password");
        }
        return demo;
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = Config.class.getResourceAsStream("/bangban-defaults.properties")) {
            if (in == null) throw new ConfigException("bangban-defaults.properties is missing from the classpath; the build is broken");
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(p);
        } catch (IOException e) {
            throw new ConfigException("cannot read built-in defaults: " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            Map<String, String> m = toMap(p);
            Map<String, String> defaults = readDefaults();
            for (String k : m.keySet()) {
                if (!defaults.containsKey(k)) {
                    throw new ConfigException(path + ": unknown configuration key '" + k
                            + "'; see bangban-defaults.properties for the keys");
                }
            }
            return m;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
        }
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }

    /** A configuration problem an operator must fix; the message says which key and what is wrong. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
