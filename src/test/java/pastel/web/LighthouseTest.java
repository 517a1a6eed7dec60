package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.config.Config;
import pastel.http.Json;
import pastel.support.TestDatabase;

/// Lighthouse (npm, tools/npm) on the web client's `/`, driving Debian's Chromium: accessibility
/// and best practices must both score 100. The report is kept in target/lighthouse.
class LighthouseTest {

    @Test
    void theShellScoresOneHundredInAccessibilityAndBestPractices() throws Exception {
        var cli = Path.of("tools", "npm", "node_modules", "lighthouse", "cli", "index.js");
        var present = Files.exists(cli) && Files.isExecutable(Path.of("/usr/bin/chromium"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Lighthouse (tools/npm) and chromium are required: run ./pastel test");
        }
        Assumptions.assumeTrue(present, "run ./pastel test (npm --prefix tools/npm ci) to install Lighthouse");
        var opened = TestDatabase.SQLITE.open();
        var app = App.start(Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", opened.dataDir().toString())),
                Clock.systemUTC(), opened.database());
        var folder = Files.createDirectories(Path.of("target", "lighthouse"));
        var report = folder.resolve("root.json");
        try {
            var process = new ProcessBuilder("node", cli.toString(), "http://127.0.0.1:" + app.port() + "/",
                    "--only-categories=accessibility,best-practices", "--output=json", "--output-path=" + report,
                    "--quiet", "--max-wait-for-load=60000",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage")
                    .redirectErrorStream(true).redirectOutput(folder.resolve("run.log").toFile());
            process.environment().put("CHROME_PATH", "/usr/bin/chromium");
            var started = process.start();
            assertThat(started.waitFor(4, TimeUnit.MINUTES)).as("lighthouse finished").isTrue();
            assertThat(started.exitValue()).as(Files.readString(folder.resolve("run.log"))).isZero();
        } finally {
            app.close();
            opened.cleanup().run();
        }
        var json = Json.MAPPER.readTree(report.toFile());
        var failing = new ArrayList<String>();
        for (var category : json.path("categories")) {
            for (var ref : category.path("auditRefs")) {
                var audit = json.path("audits").path(ref.path("id").asText());
                if (ref.path("weight").asDouble() > 0 && audit.path("score").isNumber() && audit.path("score").asDouble() < 1) {
                    failing.add(ref.path("id").asText() + ": " + audit.path("title").asText());
                }
            }
        }
        assertThat(json.path("categories").path("accessibility").path("score").asDouble()).as("accessibility; failing: %s", failing)
                .isEqualTo(1.0);
        assertThat(json.path("categories").path("best-practices").path("score").asDouble()).as("best practices; failing: %s", failing)
                .isEqualTo(1.0);
    }
}
