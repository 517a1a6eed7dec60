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
}
