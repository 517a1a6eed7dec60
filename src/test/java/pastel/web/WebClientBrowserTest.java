package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pastel.App;
import pastel.config.Config;
import pastel.support.Http;
import pastel.support.TestDatabase;
import pastel.support.TestMedia;

/// The web client in real (headless) Chromium against a real server on a random port.
class WebClientBrowserTest {
    static App app;
    static TestDatabase.Opened opened;
    static String base;
    static Http http;
    static int counter;

    @BeforeAll
    static void start() {
        var present = Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"))
                && Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromedriver"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromium-driver are required for the browser tests");
        }
        Assumptions.assumeTrue(present, "install chromium and chromium-driver to run the browser tests");
        opened = TestDatabase.SQLITE.open();
        app = App.start(Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", opened.dataDir().toString())),
                Clock.systemUTC(), opened.database());
        base = "http://127.0.0.1:" + app.port();
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (opened != null) opened.cleanup().run();
    }

    private static String name(String prefix) {
        return prefix + System.nanoTime() % 100000 + (++counter);
    }

    private static void signUp(Browser browser, String username) {
        browser.driver.get(base + "/#/signup");
        browser.type("#f-username", username);
        browser.type("#f-displayName", username.toUpperCase());
        browser.find("#f-birthDate").sendKeys("01012000");
        browser.type("#f-password", "a long enough password");
        browser.click("form button[type=submit]");
        browser.find("#nav");
        browser.wait.until(d -> d.getCurrentUrl().endsWith("#/camera"));
    }

    @Test
    void twoFriendsSendAndViewASnapThatIsThenGone() throws Exception {
        try (var ana = new Browser("en-US", true); var ben = new Browser("en-US", true)) {
            var anaName = name("ana");
            var benName = name("ben");
            signUp(ana, anaName);
            ana.screenshots("camera");
            signUp(ben, benName);

            ana.driver.get(base + "/#/friends");
            ana.type("#f-friend", benName);
            ana.click("form.row button");
            ben.driver.get(base + "/#/friends");
            ben.click("[data-accept='" + anaName + "']");
            ben.find("#friend-list");
            ben.screenshots("friends");

            ben.driver.get(base + "/#/inbox");
            ben.waitForText("main h2", "Snaps");

            ana.driver.get(base + "/#/camera");
            ana.click("#shoot");
            ana.find("#send");
            ana.click("#send input[value='" + benName + "']");
            new org.openqa.selenium.support.ui.Select(ana.find("#f-seconds")).selectByValue("2");
            ana.click("#send button[type=submit]");
            ana.wait.until(d -> d.findElement(By.id("send")).getAttribute("hidden") != null);

            // Ben's inbox updates by itself (WebSocket), no reload.
            ben.find("#inbox-list [data-status=new] button");
            ben.screenshots("inbox");
            ben.click("#inbox-list [data-status=new] button");
            ben.find("#countdown");
            assertThat(ben.find("#countdown").getText()).isIn("2", "1");
            ben.screenshots("viewer");
            ben.wait.until(d -> d.findElements(By.cssSelector(".viewer")).isEmpty());
            // Opened: one replay left, then gone.
            ben.click("#inbox-list [data-status=opened] button");
            ben.find("#countdown");
            ben.wait.until(d -> d.findElements(By.cssSelector(".viewer")).isEmpty());
            ben.find("#inbox-list [data-status=gone]");
            assertThat(ben.driver.findElements(By.cssSelector("#inbox-list button"))).isEmpty();

            assertThat(ana.consoleErrors()).as("console errors in Ana's browser").isEmpty();
            assertThat(ben.consoleErrors()).as("console errors in Ben's browser").isEmpty();
        }
    }

    @Test
    void frenchFromTheBrowserLanguageThenEnglishOnRequest() throws Exception {
        try (var browser = new Browser("fr-FR", false)) {
            browser.driver.get(base + "/");
            browser.waitForText("main h2", "Connexion");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
            browser.screenshots("signin-fr");
            browser.click("#lang");
            browser.waitForText("main h2", "Sign in");
            browser.driver.navigate().refresh();
            browser.waitForText("main h2", "Sign in");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void withoutCameraPermissionTheFilePickerWorks() throws Exception {
        var photo = Files.createTempFile("pastel-photo-", ".jpg");
        Files.write(photo, TestMedia.noisyJpeg(300, 200));
        try (var browser = new Browser("en-US", false)) {
            signUp(browser, name("nocam"));
            browser.find("#no-camera");
            browser.driver.findElement(By.id("f-file")).sendKeys(photo.toAbsolutePath().toString());
            browser.find("#send");
            browser.screenshots("file-picker");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    private static void befriend(Browser from, String fromName, Browser to, String toName) {
        from.driver.get(base + "/#/friends");
        from.type("#f-friend", toName);
        from.click("form.row button");
        to.driver.get(base + "/#/friends");
        to.click("[data-accept='" + fromName + "']");
        to.find("#friend-list");
    }

    @Test
    void aStoryIsSeenInTheRingAndTheOwnerSeesWhoViewedIt() throws Exception {
        try (var ana = new Browser("en-US", true); var ben = new Browser("en-US", true)) {
            var anaName = name("sana");
            var benName = name("sben");
            signUp(ana, anaName);
            signUp(ben, benName);
            befriend(ana, anaName, ben, benName);

            ana.driver.get(base + "/#/camera");
            ana.click("#shoot");
            ana.find("#story");
            ana.click("#story button[type=submit]");
            ana.wait.until(d -> d.findElement(By.id("story")).getAttribute("hidden") != null);

            ben.driver.get(base + "/#/stories");
            ben.find("#story-ring button.unseen[data-account='" + anaName + "']");
            ben.screenshots("story-ring");
            ben.click("#story-ring button[data-account='" + anaName + "']");
            ben.find(".viewer.story img");
            ben.screenshots("story-viewer");
            ben.click(".viewer.story .stage");
            ben.wait.until(d -> d.findElements(By.cssSelector(".viewer")).isEmpty());
            ben.find("#story-ring button.seen[data-account='" + anaName + "']");

            ana.driver.get(base + "/#/stories");
            ana.click("#my-story button");
            ana.waitForText("#my-story .viewers", benName);
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aManagerPostsForTheCityAndReadsItsInsightsAndCsv() throws Exception {
        var cityName = name("city");
        var city = http.post("accounts", null, Map.of("username", cityName, "password", "a long enough password",
                "displayName", "Ville", "birthDate", "1970-01-01", "kind", "public", "category", "city", "city", "Toulouse"));
        assertThat(city.status()).isEqualTo(201);
        var cityToken = http.post("sessions", null, Map.of("username", cityName, "password", "a long enough password"))
                .json().get("token").asText();
        try (var manager = new Browser("en-US", true)) {
            var managerName = name("cm");
            signUp(manager, managerName);
            assertThat(http.send("PUT", "accounts/" + cityName + "/team/" + managerName, cityToken,
                    Map.of("role", "manager")).status()).isEqualTo(204);
            manager.driver.get(base + "/#/inbox");
            manager.waitForText("main h2", "Snaps");
            manager.driver.get(base + "/#/camera");
            manager.click("#shoot");
            manager.find("#story");
            new org.openqa.selenium.support.ui.Select(manager.find("#f-as")).selectByValue(cityName);
            manager.click("#story button[type=submit]");
            manager.wait.until(d -> d.findElement(By.id("story")).getAttribute("hidden") != null);

            var item = http.get("accounts/" + cityName + "/stories", null).json().get(0).get("id").asText();
            for (int i = 0; i < 3; i++) {
                var viewer = name("viewer");
                http.post("accounts", null, Map.of("username", viewer, "password", "a long enough password",
                        "displayName", "V", "birthDate", "2000-01-01"));
                var token = http.post("sessions", null, Map.of("username", viewer, "password", "a long enough password"))
                        .json().get("token").asText();
                http.post("stories/" + item + "/views", token, Map.of("watchedMs", 4000, "completed", i < 2));
            }
            var summary = http.get("accounts/" + cityName + "/insights/summary?days=7", cityToken).json();

            manager.driver.get(base + "/#/insights");
            manager.waitForText("#views", String.valueOf(summary.get("views").asLong()));
            assertThat(manager.find("#unique").getText()).isEqualTo(String.valueOf(summary.get("uniqueViewers").asLong()));
            assertThat(manager.find("#items tbody tr[data-item='" + item + "']").getText()).contains("3");
            assertThat(manager.find("#ages").getText()).contains("hidden");
            manager.screenshots("insights");
            manager.click("#csv");
            var csv = manager.downloads.resolve(cityName + "-insights.csv");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Files.exists(csv));
            assertThat(Files.readString(csv)).contains("summary,views," + summary.get("views").asLong());
            assertThat(manager.consoleErrors()).isEmpty();
        }
    }

    @Test
    void friendsChatLiveWithReadReceiptsAndDiscoverOfficialAccounts() throws Exception {
        var cityName = name("town");
        http.post("accounts", null, Map.of("username", cityName, "password", "a long enough password",
                "displayName", "Town " + cityName, "birthDate", "1970-01-01", "kind", "public", "category", "city",
                "city", "Albi"));
        try (var ana = new Browser("en-US", false); var ben = new Browser("en-US", false)) {
            var anaName = name("cana");
            var benName = name("cben");
            signUp(ana, anaName);
            signUp(ben, benName);
            befriend(ana, anaName, ben, benName);

            ben.driver.get(base + "/#/chat/" + anaName);
            ben.find("#compose");
            ana.driver.get(base + "/#/chat/" + benName);
            ana.type("#f-message", "On se retrouve au Capitole ?");
            ana.click("#compose button");
            ben.waitForText("#messages", "On se retrouve au Capitole ?");
            ana.waitForText("#messages li.mine small", "Read");
            ben.screenshots("chat");

            ben.driver.get(base + "/#/discover");
            ben.type("#f-q", cityName);
            ben.click("form[role=search] button");
            ben.click("#found li[data-account='" + cityName + "'] button");
            ben.waitForText("#found li[data-account='" + cityName + "']", "Subscribed");
            ben.waitForText("#leaderboard", "Town " + cityName);
            ben.screenshots("discover");
            assertThat(http.get("accounts/" + cityName, null).json().get("subscriberCount").asLong()).isEqualTo(1);
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        }
    }
}
