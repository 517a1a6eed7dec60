package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import pastel.App;
import pastel.config.Config;
import pastel.support.Http;
import pastel.support.TestDatabase;

/// One Pastel on SQLite for a browser test class, and what every browser test does with it:
/// accounts made through the API, sign-up and sign-in through the form, and the checks each
/// screen passes. Without Chromium the class is skipped, except under CI, where it fails.
final class BrowserApp implements AutoCloseable {
    static final String PASSWORD = "a long enough password";

    final App app;
    final Http http;
    final String base;
    private final TestDatabase.Opened opened;
    private final AtomicInteger counter = new AtomicInteger();

    private BrowserApp(App app, TestDatabase.Opened opened) {
        this.app = app;
        this.opened = opened;
        this.http = new Http(app.port());
        this.base = "http://127.0.0.1:" + app.port();
    }

    /// The tests' configuration (`TestConfig`), or `config` built from the data folder when a
    /// class needs the operator defaults or settings of its own.
    static BrowserApp start(java.util.function.Function<Path, Config> config) {
        requireChromium();
        var opened = TestDatabase.SQLITE.open();
        return new BrowserApp(App.start(config.apply(opened.dataDir()), Clock.systemUTC(), opened.database()), opened);
    }

    static BrowserApp start() {
        return start(pastel.support.TestConfig::of);
    }

    static void requireChromium() {
        var present = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromium-driver are required for the browser tests");
        }
        Assumptions.assumeTrue(present, "install chromium and chromium-driver to run the browser tests");
    }

    /// A username no other test of the run has taken.
    String name(String prefix) {
        return prefix + System.nanoTime() % 100000 + counter.incrementAndGet();
    }

    /// A personal account born in 2000, signed in: its token.
    String person(String username) {
        var created = http.post("accounts", null, Map.of("username", username, "password", PASSWORD,
                "displayName", username, "birthDate", "2000-01-01"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return token(username);
    }

    /// A city's public account, signed in: its token.
    String city(String username, String city) {
        var created = http.post("accounts", null, Map.of("username", username, "password", PASSWORD,
                "displayName", "Ville " + username, "birthDate", "1970-01-01", "kind", "public", "category", "city",
                "city", city));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return token(username);
    }

    /// Makes `member` a manager of the official account `city` (whose token is `cityToken`).
    void grantManager(String city, String cityToken, String member) {
        assertThat(http.send("PUT", "accounts/" + city + "/team/" + member, cityToken, Map.of("role", "manager")).status())
                .isEqualTo(204);
    }

    String token(String username) {
        return http.post("sessions", null, Map.of("username", username, "password", PASSWORD)).json().get("token").asText();
    }

    void befriend(String a, String b) {
        var request = http.post("friends/requests", token(a), Map.of("username", b));
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        assertThat(http.post("friends/requests/" + request.json().get("id").asText() + "/accept", token(b), null).status())
                .isEqualTo(200);
    }

    /// Signs up through the form as a personal account born in 2000; ends on the camera.
    void signUp(Browser browser, String username) {
        browser.driver.get(base + "/#/signup");
        browser.type("#f-username", username);
        browser.type("#f-displayName", username.toUpperCase());
        browser.find("#f-birthDate").sendKeys("01012000");
        browser.type("#f-password", PASSWORD);
        browser.click("form button[type=submit]");
        browser.wait.until(d -> d.getCurrentUrl().endsWith("#/camera"));
        browser.find("#tabs a[aria-current=page][data-tab=camera]");
    }

    /// Signs in through the form; ends on the camera.
    void signIn(Browser browser, String username) {
        browser.driver.get(base + "/#/signin");
        browser.type("#f-username", username);
        browser.type("#f-password", PASSWORD);
        browser.click("form button[type=submit]");
        browser.wait.until(d -> d.getCurrentUrl().endsWith("#/camera"));
        browser.find("#live-stage");
    }

    /// Screenshots at both sizes and the checks every screen passes: axe-core (no serious or
    /// critical violation), every control named, every text at AA contrast.
    static void checkScreen(Browser browser, String name) throws Exception {
        browser.screenshots(name);
        assertThat(browser.axeViolations()).as("axe on " + name).isEmpty();
        assertThat(browser.unlabelledControls()).as("controls without a name on " + name).isEmpty();
        assertThat(browser.lowContrastTexts()).as("texts under AA contrast on " + name).isEmpty();
    }

    @Override
    public void close() {
        app.close();
        opened.cleanup().run();
    }
}
