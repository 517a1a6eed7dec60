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
        String trustedProxies,
        S3 s3,
        AbuseLimits abuseLimits,
        Metrics metrics,
        Push push,
        boolean requireAlt) {

    /// Requests allowed per window before 429 (with Retry-After), counted in the database so
    /// nodes sharing one share the limits: sign-ups per client address, profile look-ups and
    /// friend requests per account and per address.
    public record AbuseLimits(int signUpsPerAddress, int lookupsPerAccount, int lookupsPerAddress,
                              int friendRequestsPerAccount, int friendRequestsPerAddress, int windowSeconds) {}

    /// How `/metrics` is protected: a bearer `token` on the main port, or a separate `port`
    /// listening on 127.0.0.1 only (0: none). With neither, `/metrics` is not served.
    public record Metrics(String token, int port) {
        public boolean onMainPort() { return !token.isEmpty(); }
    }

    /// An S3-compatible object store for the blobs; null keeps them as files under the data dir.
    /// `pathStyle` addresses the bucket as `endpoint/bucket/key` (MinIO, Garage, S3Proxy) rather
    /// than `bucket.endpoint/key`.
    public record S3(String endpoint, String bucket, String region, String accessKey, String secretKey,
                     boolean pathStyle) {}

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
        var trustedProxies = values.getOrDefault("PASTEL_TRUSTED_PROXIES", "").trim();
        pastel.http.ClientAddress.trusting(trustedProxies); // refuses a bad list at start-up
        var abuse = new AbuseLimits(
                integer(values, "PASTEL_SIGNUPS_PER_ADDRESS", 20, 1, 1_000_000_000),
                integer(values, "PASTEL_LOOKUPS_PER_ACCOUNT", 600, 1, 1_000_000_000),
                integer(values, "PASTEL_LOOKUPS_PER_ADDRESS", 1200, 1, 1_000_000_000),
                integer(values, "PASTEL_FRIEND_REQUESTS_PER_ACCOUNT", 50, 1, 1_000_000_000),
                integer(values, "PASTEL_FRIEND_REQUESTS_PER_ADDRESS", 100, 1, 1_000_000_000),
                integer(values, "PASTEL_ABUSE_WINDOW_SECONDS", 3600, 1, 86_400));
        var metricsToken = values.getOrDefault("PASTEL_METRICS_TOKEN", "").trim();
        if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
            throw new IllegalArgumentException("PASTEL_METRICS_TOKEN must be at least 16 characters");
        }
        var metrics = new Metrics(metricsToken, integer(values, "PASTEL_METRICS_PORT", 0, 0, 65535));
        var push = new Push(bool(values, "PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", false),
                values.getOrDefault("PASTEL_PUSH_CONTACT", stripSlash(publicUrl)));
        return new Config(host, port, dataDir, databaseUrl, stripSlash(publicUrl), limits, threshold,
                trustedProxies, s3(values), abuse, metrics, push, bool(values, "PASTEL_REQUIRE_ALT", true));
    }

    private static S3 s3(Map<String, String> values) {
        var endpoint = values.getOrDefault("PASTEL_S3_ENDPOINT", "").trim();
        if (endpoint.isEmpty()) return null;
        var bucket = values.getOrDefault("PASTEL_S3_BUCKET", "").trim();
        if (bucket.isEmpty()) throw new IllegalArgumentException("PASTEL_S3_BUCKET is required with PASTEL_S3_ENDPOINT");
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new IllegalArgumentException("PASTEL_S3_ENDPOINT must be an http:// or https:// URL, got '" + endpoint + "'");
        }
        var pathStyle = values.getOrDefault("PASTEL_S3_PATH_STYLE", "true").trim();
        if (!pathStyle.equalsIgnoreCase("true") && !pathStyle.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("PASTEL_S3_PATH_STYLE must be true or false, got '" + pathStyle + "'");
        }
        return new S3(stripSlash(endpoint), bucket, values.getOrDefault("PASTEL_S3_REGION", "us-east-1").trim(),
                values.getOrDefault("PASTEL_S3_ACCESS_KEY", ""), values.getOrDefault("PASTEL_S3_SECRET_KEY", ""),
                Boolean.parseBoolean(pathStyle));
    }

    public boolean usesPostgres() {
        return databaseUrl.startsWith("jdbc:postgresql:");
    }

    public Config withPort(int newPort) {
        return new Config(host, newPort, dataDir, databaseUrl, publicUrl, loginLimits, insightsThreshold,
                trustedProxies, s3, abuseLimits, metrics, push, requireAlt);
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
        shown.put("PASTEL_REQUIRE_ALT", Boolean.toString(requireAlt));
        shown.put("PASTEL_TRUSTED_PROXIES", trustedProxies.isEmpty() ? "(none: X-Forwarded-For and Forwarded are ignored)" : trustedProxies);
        if (s3 == null) {
            shown.put("PASTEL_S3_ENDPOINT", "(none: blobs are files under the data dir)");
        } else {
            shown.put("PASTEL_S3_ENDPOINT", s3.endpoint());
            shown.put("PASTEL_S3_BUCKET", s3.bucket());
            shown.put("PASTEL_S3_REGION", s3.region());
            shown.put("PASTEL_S3_ACCESS_KEY", mask(s3.accessKey()));
            shown.put("PASTEL_S3_SECRET_KEY", mask(s3.secretKey()));
            shown.put("PASTEL_S3_PATH_STYLE", Boolean.toString(s3.pathStyle()));
        }
        shown.put("PASTEL_SIGNUPS_PER_ADDRESS", Integer.toString(abuseLimits.signUpsPerAddress()));
        shown.put("PASTEL_LOOKUPS_PER_ACCOUNT", Integer.toString(abuseLimits.lookupsPerAccount()));
        shown.put("PASTEL_LOOKUPS_PER_ADDRESS", Integer.toString(abuseLimits.lookupsPerAddress()));
        shown.put("PASTEL_FRIEND_REQUESTS_PER_ACCOUNT", Integer.toString(abuseLimits.friendRequestsPerAccount()));
        shown.put("PASTEL_FRIEND_REQUESTS_PER_ADDRESS", Integer.toString(abuseLimits.friendRequestsPerAddress()));
        shown.put("PASTEL_ABUSE_WINDOW_SECONDS", Integer.toString(abuseLimits.windowSeconds()));
        shown.put("PASTEL_METRICS_TOKEN", metrics.token().isEmpty() ? "(none)" : "*****");
        shown.put("PASTEL_METRICS_PORT", metrics.port() == 0 ? "(none)" : Integer.toString(metrics.port()));
        return shown;
    }

    // The access key is masked too: with the secret it is the whole credential, and logs travel.
    private static String mask(String secret) {
        if (secret.isEmpty()) return "(empty)";
        return "*****";
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
