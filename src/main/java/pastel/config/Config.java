package pastel.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/// Pastel's whole configuration, read once at start-up and passed to constructors.
///
/// Sources, later wins: defaults, the optional properties file named by `PASTEL_CONFIG_FILE`,
/// then environment variables. Keys are the environment variable names in both places.
public record Config(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        String publicUrl,
        LoginLimits loginLimits,
        int insightsThreshold,
        Push push) {

    /// Web Push: `allowInsecureLoopback` also accepts `http` endpoints on loopback (a local push
    /// service in tests); `contact` is the VAPID subject push services may reach the operator at.
    public record Push(boolean allowInsecureLoopback, String contact) {}

    /// Failed logins allowed inside the window before answering 429.
    public record LoginLimits(int perAccount, int perAddress, int windowSeconds) {}

    public static Config fromEnvironment(Map<String, String> env) {
        var values = new HashMap<String, String>();
        var file = env.get("PASTEL_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        env.forEach((key, value) -> {
            if (key.startsWith("PASTEL_")) values.put(key, value);
        });
        return from(values);
    }

    static Config from(Map<String, String> values) {
        var host = values.getOrDefault("PASTEL_HOST", "127.0.0.1");
        var port = integer(values, "PASTEL_PORT", 8080, 0, 65535);
        var dataDir = Path.of(values.getOrDefault("PASTEL_DATA_DIR", "./data"));
        var databaseUrl = values.getOrDefault("PASTEL_DATABASE_URL", "");
        var publicUrl = values.getOrDefault("PASTEL_PUBLIC_URL", "http://" + host + ":" + port);
        var limits = new LoginLimits(
                integer(values, "PASTEL_LOGIN_FAILURES_PER_ACCOUNT", 10, 1, 10_000),
                integer(values, "PASTEL_LOGIN_FAILURES_PER_ADDRESS", 30, 1, 100_000),
                integer(values, "PASTEL_LOGIN_WINDOW_SECONDS", 60, 1, 86_400));
        // The privacy floor of insights can be raised, never lowered below 10.
        var threshold = integer(values, "PASTEL_INSIGHTS_THRESHOLD", 10, 10, 1_000_000);
        var push = new Push(bool(values, "PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", false),
                values.getOrDefault("PASTEL_PUSH_CONTACT", stripSlash(publicUrl)));
        return new Config(host, port, dataDir, databaseUrl, stripSlash(publicUrl), limits, threshold, push);
    }

    public boolean usesPostgres() {
        return databaseUrl.startsWith("jdbc:postgresql:");
    }

    public Config withPort(int newPort) {
        return new Config(host, newPort, dataDir, databaseUrl, publicUrl, loginLimits, insightsThreshold, push);
    }

    /// What start-up prints: every setting, secrets masked.
    public Map<String, String> describe() {
        var shown = new LinkedHashMap<String, String>();
        shown.put("PASTEL_HOST", host);
        shown.put("PASTEL_PORT", Integer.toString(port));
        shown.put("PASTEL_DATA_DIR", dataDir.toString());
        shown.put("PASTEL_DATABASE_URL", databaseUrl.isEmpty() ? "(embedded SQLite in data dir)" : maskSecrets(databaseUrl));
        shown.put("PASTEL_PUBLIC_URL", publicUrl);
        shown.put("PASTEL_LOGIN_FAILURES_PER_ACCOUNT", Integer.toString(loginLimits.perAccount()));
        shown.put("PASTEL_LOGIN_FAILURES_PER_ADDRESS", Integer.toString(loginLimits.perAddress()));
        shown.put("PASTEL_LOGIN_WINDOW_SECONDS", Integer.toString(loginLimits.windowSeconds()));
        shown.put("PASTEL_INSIGHTS_THRESHOLD", Integer.toString(insightsThreshold));
        shown.put("PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", Boolean.toString(push.allowInsecureLoopback()));
        shown.put("PASTEL_PUSH_CONTACT", push.contact());
        return shown;
    }

    static String maskSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1*****")
                .replaceAll("(//[^/:@]+:)[^@/]*@", "$1*****@");
    }

    private static int integer(Map<String, String> values, String key, int fallback, int min, int max) {
        var raw = values.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            var value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean fallback) {
        var raw = values.get(key);
        if (raw == null || raw.isBlank()) return fallback;
        return switch (raw.strip().toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + raw + "'");
        };
    }

    private static Map<String, String> readFile(Path file) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PASTEL_CONFIG_FILE " + file + ": " + e.getMessage(), e);
        }
        var values = new HashMap<String, String>();
        properties.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return values;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
