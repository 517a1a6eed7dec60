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

/// Lighthouse (npm, tools/npm) driving Debian's Chromium: the web client's `/` scores 100 in
/// accessibility and best practices, a public page with items 100 in those and SEO. Reports are
/// kept in target/lighthouse.
class LighthouseTest {

    @Test
    void theShellScoresOneHundredInAccessibilityAndBestPractices() throws Exception {
        var cli = cli();
        var opened = TestDatabase.SQLITE.open();
        var app = App.start(Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", opened.dataDir().toString())),
                Clock.systemUTC(), opened.database());
        try {
            var json = run(cli, "http://127.0.0.1:" + app.port() + "/", "accessibility,best-practices", "root");
            assertScores(json, "accessibility", "best-practices");
        } finally {
            app.close();
            opened.cleanup().run();
        }
    }

    /// A city's public page with its story (photos with their alt, a captioned video), highlights
    /// and community story: accessibility, best practices and SEO at 100.
    @Test
    void thePublicPageWithItemsScoresOneHundredInAccessibilityBestPracticesAndSeo() throws Exception {
        var cli = cli();
        var opened = TestDatabase.SQLITE.open();
        var app = App.start(Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", opened.dataDir().toString())),
                Clock.systemUTC(), opened.database());
        try {
            var fixture = PublicPageFixture.create(new pastel.support.Http(app.port()));
            var json = run(cli, "http://127.0.0.1:" + app.port() + "/@" + fixture.city(), "accessibility,best-practices,seo",
                    "public-page");
            assertScores(json, "accessibility", "best-practices", "seo");
        } finally {
            app.close();
            opened.cleanup().run();
        }
    }

    private static Path cli() {
        var cli = Path.of("tools", "npm", "node_modules", "lighthouse", "cli", "index.js");
        var present = Files.exists(cli) && Files.isExecutable(Path.of("/usr/bin/chromium"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Lighthouse (tools/npm) and chromium are required: run ./pastel test");
        }
        Assumptions.assumeTrue(present, "run ./pastel test (npm --prefix tools/npm ci) to install Lighthouse");
        return cli;
    }

    /// Lighthouse's JSON report of `url` (kept as target/lighthouse/NAME.json).
    private static com.fasterxml.jackson.databind.JsonNode run(Path cli, String url, String categories, String name) throws Exception {
        var folder = Files.createDirectories(Path.of("target", "lighthouse"));
        var report = folder.resolve(name + ".json");
        var log = folder.resolve(name + ".log");
        var process = new ProcessBuilder("node", cli.toString(), url,
                "--only-categories=" + categories, "--output=json", "--output-path=" + report,
                "--quiet", "--max-wait-for-load=60000",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        process.environment().put("CHROME_PATH", "/usr/bin/chromium");
        var started = process.start();
        assertThat(started.waitFor(4, TimeUnit.MINUTES)).as("lighthouse finished").isTrue();
        assertThat(started.exitValue()).as(Files.readString(log)).isZero();
        return Json.MAPPER.readTree(report.toFile());
    }

    private static void assertScores(com.fasterxml.jackson.databind.JsonNode json, String... categories) {
        var failing = new ArrayList<String>();
        for (var category : json.path("categories")) {
            for (var ref : category.path("auditRefs")) {
                var audit = json.path("audits").path(ref.path("id").asText());
                if (ref.path("weight").asDouble() > 0 && audit.path("score").isNumber() && audit.path("score").asDouble() < 1) {
                    failing.add(ref.path("id").asText() + ": " + audit.path("title").asText());
                }
            }
        }
        for (var category : categories) {
            assertThat(json.path("categories").path(category).path("score").asDouble()).as("%s; failing: %s", category, failing)
                    .isEqualTo(1.0);
        }
    }
}
