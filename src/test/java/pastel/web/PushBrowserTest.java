package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.config.Config;
import pastel.support.Http;
import pastel.support.LocalPushService;
import pastel.support.TestDatabase;
import pastel.support.TestMedia;

/// Web Push in headless Chromium: the page's settings and the public page's follow button, the
/// service worker showing what the server pushed, and a click opening the right screen.
///
/// A browser's push subscription lives at its vendor's push service (FCM for Chromium), out of a
/// test's reach: the page's `PushManager` is pointed at the local push service instead (its
/// endpoint and keys), so the server's real pushes arrive there, are decrypted by the test, and
/// the plaintext is handed to the service worker with CDP `ServiceWorker.deliverPushMessage`,
/// which is what the browser does once it has decrypted a push. CDP cannot click an OS
/// notification, so the click is the `notificationclick` event dispatched in the worker.
class PushBrowserTest {
    static App app;
    static TestDatabase.Opened opened;
    static String base;
    static Http http;
    static LocalPushService service;

    @BeforeAll
    static void start() throws Exception {
        var present = Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"))
                && Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromedriver"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromium-driver are required for the browser tests");
        }
        Assumptions.assumeTrue(present, "install chromium and chromium-driver to run the browser tests");
        opened = TestDatabase.SQLITE.open();
        app = App.start(Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", opened.dataDir().toString(),
                "PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", "true")), Clock.systemUTC(), opened.database());
        base = "http://127.0.0.1:" + app.port();
        http = new Http(app.port());
        service = new LocalPushService();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (app != null) app.close();
        if (opened != null) opened.cleanup().run();
    }

    /// Points the page's PushManager at `subscription` of the local push service.
    private static void pushServiceIs(Browser browser, LocalPushService.Subscription subscription) {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const json = {endpoint: '%s', expirationTime: null, keys: {p256dh: '%s', auth: '%s'}};
                  const made = {endpoint: json.endpoint, options: {applicationServerKey: null}, toJSON: () => json,
                    unsubscribe: async () => { localStorage.removeItem('test.push'); return true; }};
                  PushManager.prototype.subscribe = async function () { localStorage.setItem('test.push', '1'); return made; };
                  PushManager.prototype.getSubscription = async function () { return localStorage.getItem('test.push') ? made : null; };
                })();""".formatted(subscription.endpoint(), subscription.p256dh(), subscription.auth())));
    }

    private static String token(Browser browser) {
        return (String) browser.driver.executeScript("return localStorage.getItem('pastel.token')");
    }

    /// The service worker's registration id, from the page's ServiceWorker domain.
    private static String registrationId(Cdp cdp, String page) throws Exception {
        cdp.send(page, "ServiceWorker.enable", Map.of());
        var event = cdp.await(e -> e.path("method").asText().equals("ServiceWorker.workerRegistrationUpdated")
                && e.path("params").path("registrations").findValuesAsText("scopeURL").contains(base + "/"), Duration.ofSeconds(20));
        for (var registration : event.get("params").get("registrations")) {
            if (registration.get("scopeURL").asText().equals(base + "/")) return registration.get("registrationId").asText();
        }
        throw new AssertionError("no registration");
    }

    /// Waits for the next push at the local push service, decrypts it and delivers the plaintext
    /// to the page's service worker; returns the title of the notification it then shows.
    private static String deliver(Cdp cdp, String page, String registration, LocalPushService.Subscription subscription)
            throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> !subscription.accepted.isEmpty());
        var message = subscription.accepted.poll().message();
        cdp.send(page, "ServiceWorker.deliverPushMessage", Map.of("origin", base, "registrationId", registration,
                "data", message.toString()));
        var worker = cdp.attach("service_worker", base + "/sw.js");
        var title = message.get("title").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> cdp.evaluate(worker,
                "self.registration.getNotifications().then((ns) => ns.map((n) => n.title).join('|'))").asText().contains(title));
        return title;
    }

    /// A click on the newest notification with `title`, as the worker receives it.
    private static void click(Cdp cdp, String title, String action) throws Exception {
        var worker = cdp.attach("service_worker", base + "/sw.js");
        cdp.evaluate(worker, """
                self.registration.getNotifications().then((ns) => {
                  const n = ns.filter((x) => x.title === '%s').pop();
                  self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n, action: '%s'}));
                  return n.title;
                })""".formatted(title, action));
    }

    private static String signUpInBrowser(Browser browser, String username) {
        browser.driver.get(base + "/#/signup");
        browser.type("#f-username", username);
        browser.type("#f-displayName", username.toUpperCase());
        browser.find("#f-birthDate").sendKeys("01012000");
        browser.type("#f-password", "a long enough password");
        browser.click("form button[type=submit]");
        browser.wait.until(d -> d.getCurrentUrl().endsWith("#/camera"));
        return token(browser);
    }

    private static String signUpByApi(String username) {
        http.post("accounts", null, Map.of("username", username, "password", "a long enough password", "displayName",
                username.substring(0, 1).toUpperCase() + username.substring(1, username.indexOf('_')), "birthDate", "1990-01-01"));
        return http.post("sessions", null, Map.of("username", username, "password", "a long enough password"))
                .json().get("token").asText();
    }

    @Test
    void notificationsInFrenchThenEnglishAndAClickOpensTheScreen() throws Exception {
        var suffix = "_" + System.nanoTime() % 100000;
        var subscription = service.subscribe();
        try (var browser = new Browser("fr-FR", false); var cdp = new Cdp(browser.driver)) {
            pushServiceIs(browser, subscription);
            var ben = "ben" + suffix;
            var benToken = signUpInBrowser(browser, ben);
            var ana = "ana" + suffix;
            var anaToken = signUpByApi(ana);
            var request = http.post("friends/requests", anaToken, Map.of("username", ben));
            http.post("friends/requests/" + request.json().get("id").asText() + "/accept", benToken, null);

            // The explanation comes first; the permission is asked only when the button is tapped.
            browser.driver.get(base + "/#/notifications");
            var why = browser.find("#notifications .why").getText();
            assertThat(why).contains("même quand Pastel est fermé");
            assertThat(browser.driver.executeScript("return Notification.permission")).isEqualTo("default");
            cdp.send(null, "Browser.grantPermissions", Map.of("origin", base, "permissions", List.of("notifications")));
            browser.click("#push-on");
            browser.waitForText("#notifications .status", "activées");
            browser.screenshots("push-settings");
            String language = app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT lang FROM push_subscription WHERE endpoint = :e").bind("e", subscription.endpoint())
                    .mapTo(String.class).one());
            assertThat(language).isEqualTo("fr");

            var page = cdp.attach("page", base + "/");
            var registration = registrationId(cdp, page);

            var media = http.upload(anaToken, TestMedia.noisyJpeg(32, 32), "image/jpeg").json().get("id").asText();
            http.post("snaps", anaToken, Map.of("mediaId", media, "to", List.of(ben), "viewSeconds", 3));
            assertThat(deliver(cdp, page, registration, subscription)).isEqualTo("Nouveau snap");

            // The user switches Pastel to English: the next notification speaks English.
            browser.driver.get(base + "/#/profile");
            new org.openqa.selenium.support.ui.Select(browser.find("#f-lang")).selectByValue("en");
            await().atMost(Duration.ofSeconds(20)).until(() -> app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT lang FROM push_subscription WHERE endpoint = :e").bind("e", subscription.endpoint())
                    .mapTo(String.class).one()).equals("en"));
            http.post("chats/" + ben + "/messages", anaToken, Map.of("text", "on se voit ?"));
            assertThat(deliver(cdp, page, registration, subscription)).isEqualTo("New message");

            // A tap on it opens the conversation with Ana.
            click(cdp, "New message", "");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("#/chat/" + ana));
            click(cdp, "Nouveau snap", "");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("#/inbox"));
        }
    }

    @Test
    void aVisitorFollowsTheCityFromItsPublicPageAndStops() throws Exception {
        var suffix = "_" + System.nanoTime() % 100000;
        var city = "toulouse" + suffix;
        http.post("accounts", null, Map.of("username", city, "password", "a long enough password", "displayName", "Toulouse",
                "birthDate", "1980-01-01", "kind", "public", "category", "city", "city", "Toulouse"));
        var cityToken = http.post("sessions", null, Map.of("username", city, "password", "a long enough password"))
                .json().get("token").asText();
        var subscription = service.subscribe();
        try (var browser = new Browser("en-US", false); var cdp = new Cdp(browser.driver)) {
            pushServiceIs(browser, subscription);
            browser.driver.get(base + "/@" + city);
            assertThat(browser.find(".follow-why").getText()).contains("without creating an account");
            cdp.send(null, "Browser.grantPermissions", Map.of("origin", base, "permissions", List.of("notifications")));
            browser.click(".follow-on");
            browser.waitForText(".follow-status", "You will be notified");
            browser.screenshots("push-follow");
            assertThat(pushFollowers(city, cityToken)).isEqualTo(1);

            var page = cdp.attach("page", base + "/@");
            var registration = registrationId(cdp, page);
            postStory(cityToken);
            assertThat(deliver(cdp, page, registration, subscription)).isEqualTo("New story");

            // Stopped from the page: no more pushes, no more push follower.
            browser.driver.navigate().refresh();
            browser.click(".follow-off");
            browser.waitForText(".follow-status", "not be notified");
            assertThat(pushFollowers(city, cityToken)).isZero();
            postStory(cityToken);
            await().atMost(Duration.ofSeconds(20)).until(() -> app.database().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM push_outbox").mapTo(Long.class).one()) == 0);
            assertThat(subscription.accepted).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static long pushFollowers(String city, String token) {
        return http.get("accounts/" + city + "/insights/summary", token).json().get("pushFollowers").asLong();
    }

    private static void postStory(String token) throws Exception {
        var media = http.upload(token, TestMedia.noisyJpeg(32, 32), "image/jpeg").json().get("id").asText();
        var posted = http.post("stories", token, Map.of("mediaId", media, "caption", "Capitole", "alt", "The Capitole square"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }
}
