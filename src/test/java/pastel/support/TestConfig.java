package pastel.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import pastel.config.Config;

/// The configuration tests start servers with: a random port, the test's data folder, a metrics
/// token, and abuse limits high enough for a test class signing up hundreds of accounts from
/// one address (the limits themselves are tested with low values in `ratelimit.AbuseLimitsHttpTest`).
public final class TestConfig {
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";

    private TestConfig() {}

    /// `extra`: more keys and values, overriding the defaults above.
    public static Config of(Path dataDir, String... extra) {
        var env = new HashMap<String, String>(Map.of(
                "PASTEL_PORT", "0",
                "PASTEL_DATA_DIR", dataDir.toString(),
                "PASTEL_METRICS_TOKEN", METRICS_TOKEN,
                "PASTEL_SIGNUPS_PER_ADDRESS", "1000000",
                "PASTEL_LOOKUPS_PER_ACCOUNT", "1000000",
                "PASTEL_LOOKUPS_PER_ADDRESS", "1000000",
                "PASTEL_FRIEND_REQUESTS_PER_ACCOUNT", "1000000",
                "PASTEL_FRIEND_REQUESTS_PER_ADDRESS", "1000000"));
        // Other features' tests post official stories without a text alternative; the rule itself
        // (on by default) is tried by alttext.MediaTextHttpTest, which turns it back on.
        env.put("PASTEL_REQUIRE_ALT", "false");
        for (int i = 0; i + 1 < extra.length; i += 2) env.put(extra[i], extra[i + 1]);
        return Config.fromEnvironment(env);
    }
}
