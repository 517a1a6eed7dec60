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
        app = App.start(pastel.support.TestConfig.of(opened.dataDir()),
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
            assertThat(ben.lowContrastTexts()).as("texts under AA contrast in the inbox").isEmpty();
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
            // prefers-reduced-motion: no transition anywhere (the toast fades otherwise).
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    java.util.List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
            assertThat(browser.driver.executeScript("return getComputedStyle(document.getElementById('toast')).transitionDuration"))
                    .isEqualTo("0s");
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", java.util.List.of()));
            assertThat(browser.driver.executeScript("return getComputedStyle(document.getElementById('toast')).transitionDuration"))
                    .isEqualTo("0.2s");
            // The API's problems are shown in French from their type and field codes alone (the
            // server's English detail is never matched): a field rule with its limit, a taken
            // username, wrong credentials.
            browser.driver.get(base + "/#/signup");
            browser.type("#f-username", name("jeune"));
            browser.type("#f-displayName", "Jeune");
            browser.find("#f-birthDate").sendKeys("01012020");
            browser.type("#f-password", "a long enough password");
            browser.click("form button[type=submit]");
            browser.waitForText("main .error", "Date de naissance : il faut avoir au moins 13 ans");
            browser.screenshots("signup-error-fr");
            var taken = name("pris");
            assertThat(http.post("accounts", null, Map.of("username", taken, "password", "a long enough password",
                    "displayName", "Pris", "birthDate", "2000-01-01")).status()).isEqualTo(201);
            browser.driver.get(base + "/#/signup");
            browser.type("#f-username", taken);
            browser.type("#f-displayName", "Autre");
            browser.find("#f-birthDate").sendKeys("01012000");
            browser.type("#f-password", "a long enough password");
            browser.click("form button[type=submit]");
            browser.waitForText("main .error", "Ce nom d'utilisateur est déjà pris.");
            browser.screenshots("signup-taken-fr");
            browser.driver.get(base + "/#/signin");
            browser.type("#f-username", name("personne"));
            browser.type("#f-password", "not the password");
            browser.click("form button[type=submit]");
            browser.waitForText("main .error", "Nom d'utilisateur ou mot de passe incorrect.");
            browser.click("#lang");
            browser.waitForText("main h2", "Sign in");
            browser.driver.navigate().refresh();
            browser.waitForText("main h2", "Sign in");
            // The refused sign-up (400) and sign-in (401) were on purpose and leave network errors in
            // the console: only those are allowed.
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("/api/v1/")
                    && (e.contains("400") || e.contains("401") || e.contains("409")));
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
            assertThat(ben.lowContrastTexts()).as("texts under AA contrast in the story ring").isEmpty();
            ben.click("#story-ring button[data-account='" + anaName + "']");
            ben.find(".viewer.story img");
            ben.screenshots("story-viewer");
            assertThat(ben.lowContrastTexts()).as("texts under AA contrast in the story viewer").isEmpty();
            // Held longer than the 5 s an item lasts: paused, and releasing does not skip it.
            new org.openqa.selenium.interactions.Actions(ben.driver).clickAndHold(ben.find(".viewer.story .stage"))
                    .pause(java.time.Duration.ofMillis(5500)).release().perform();
            assertThat(ben.driver.findElements(By.cssSelector(".viewer.story img"))).as("still showing after the hold").isNotEmpty();
            // Keyboard: the right arrow goes to the next item (here: the end of the story).
            ben.find(".viewer.story").sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
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
                if (i == 0) http.put("subscriptions/" + cityName, token);
            }
            var summary = http.get("accounts/" + cityName + "/insights/summary?days=7", cityToken).json();

            manager.driver.get(base + "/#/insights");
            manager.waitForText("#views", String.valueOf(summary.get("views").asLong()));
            assertThat(manager.find("#unique").getText()).isEqualTo(String.valueOf(summary.get("uniqueViewers").asLong()));
            assertThat(manager.find("#items tbody tr[data-item='" + item + "']").getText()).contains("3");
            assertThat(manager.find("#ages").getText()).contains("hidden");
            assertThat(manager.find("#subscribers").getText()).isEqualTo("1 (+1 / −0)");
            assertThat(manager.find("#subscribers-chart").getText()).contains("+1");
            manager.screenshots("insights");
            assertThat(manager.unlabelledControls()).as("controls without a name on the insights screen").isEmpty();
            assertThat(manager.lowContrastTexts()).as("texts under AA contrast on the insights screen").isEmpty();
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
            assertThat(ben.lowContrastTexts()).as("texts under AA contrast in the chat").isEmpty();

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

    private static String publicAccount(String username, String city) {
        var created = http.post("accounts", null, Map.of("username", username, "password", "a long enough password",
                "displayName", "Ville " + username, "birthDate", "1970-01-01", "kind", "public", "category", "city",
                "city", city));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return http.post("sessions", null, Map.of("username", username, "password", "a long enough password"))
                .json().get("token").asText();
    }

    private static String person(String username) {
        http.post("accounts", null, Map.of("username", username, "password", "a long enough password",
                "displayName", username, "birthDate", "2000-01-01"));
        return http.post("sessions", null, Map.of("username", username, "password", "a long enough password"))
                .json().get("token").asText();
    }

    private static void signIn(Browser browser, String username) {
        browser.driver.get(base + "/#/signin");
        browser.type("#f-username", username);
        browser.type("#f-password", "a long enough password");
        browser.click("form button[type=submit]");
        browser.wait.until(d -> d.getCurrentUrl().endsWith("#/inbox"));
        browser.find("#inbox-list, main .card");
    }

    /// Place du Capitole, Toulouse, and a square of about 1 km around it as "lat, lon" lines.
    static final double LAT = 43.6045, LON = 1.4442;

    private static Map<String, Object> capitoleFilter(String mediaId) {
        var ring = java.util.List.of(java.util.List.of(LON - 0.005, LAT - 0.005), java.util.List.of(LON + 0.005, LAT - 0.005),
                java.util.List.of(LON + 0.005, LAT + 0.005), java.util.List.of(LON - 0.005, LAT + 0.005),
                java.util.List.of(LON - 0.005, LAT - 0.005));
        var now = java.time.Instant.now();
        return Map.of("mediaId", mediaId, "name", "Capitole en fête", "area", Map.of("type", "Polygon",
                "coordinates", java.util.List.of(ring)), "startsAt", now.minusSeconds(60).toString(),
                "endsAt", now.plus(java.time.Duration.ofDays(3)).toString());
    }

    @Test
    void aVideoFilmedWithTheFakeCameraGoesOutWithTheGeofilterOfThePlace() throws Exception {
        var cityName = name("capitole");
        var cityToken = publicAccount(cityName, "Toulouse");
        app.accounts().setVerified(cityName, true);
        var png = http.upload(cityToken, TestMedia.transparentPng(540, 960), "image/png").json().get("id").asText();
        var filter = http.post("accounts/" + cityName + "/geofilters", cityToken, capitoleFilter(png));
        assertThat(filter.status()).as(filter.toString()).isEqualTo(201);
        try (var ana = new Browser("en-US", true); var ben = new Browser("en-US", false)) {
            var anaName = name("vana");
            var benName = name("vben");
            signUp(ana, anaName);
            signUp(ben, benName);
            befriend(ana, anaName, ben, benName);
            ana.atPosition(LAT, LON);

            ana.driver.get(base + "/#/camera");
            ana.find("#record");
            ana.click("#locate");
            ana.click("#geofilters input[value='" + filter.json().get("id").asText() + "']");
            ana.wait.until(d -> d.findElement(By.cssSelector(".stage .overlay")).isDisplayed());
            ana.click("#record");
            ana.waitForText("#record", "Stop recording");
            ana.screenshots("camera-recording");
            assertThat(ana.unlabelledControls()).as("controls without a name on the camera screen").isEmpty();
            assertThat(ana.lowContrastTexts()).as("texts under AA contrast on the camera screen").isEmpty();
            Thread.sleep(1500);
            ana.click("#record");
            ana.wait.until(d -> d.findElement(By.id("send")).isDisplayed()
                    || !d.findElement(By.cssSelector("main .error")).getText().isEmpty());
            assertThat(ana.driver.findElement(By.cssSelector("main .error")).getText()).isEmpty();
            ana.click("#send input[value='" + benName + "']");
            ana.click("#send button[type=submit]");
            ana.wait.until(d -> d.findElement(By.id("send")).getAttribute("hidden") != null);

            ben.driver.get(base + "/#/inbox");
            ben.click("#inbox-list [data-status=new] button");
            ben.find(".viewer video");
            assertThat(http.get("accounts/" + cityName + "/geofilters", cityToken).json().get(0).get("uses").asLong())
                    .as("the snap went out with the geofilter's id").isEqualTo(1);
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theCityTeamModeratesTheCommunityStoryManagesItsTeamAndPublishesAGeofilter() throws Exception {
        var cityName = name("mairie");
        publicAccount(cityName, "Toulouse");
        app.accounts().setVerified(cityName, true);
        var submitter = name("habitant");
        var submitterToken = person(submitter);
        var photo = http.upload(submitterToken, TestMedia.noisyJpeg(320, 240), "image/jpeg").json().get("id").asText();
        assertThat(http.post("accounts/" + cityName + "/community/submissions", submitterToken,
                Map.of("mediaId", photo, "caption", "La Garonne ce soir")).status()).isEqualTo(201);
        var manager = name("agent");
        person(manager);
        var overlay = Files.createTempFile("pastel-overlay-", ".png");
        Files.write(overlay, TestMedia.transparentPng(540, 960));
        try (var city = new Browser("fr-FR", false)) {
            city.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
            signIn(city, cityName);
            city.driver.get(base + "/#/official");
            try {
                city.wait.until(d -> !d.findElements(By.cssSelector("#submissions, main > p.error")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(city.driver.getCurrentUrl() + " / " + city.find("main").getText() + " / " + city.consoleErrors(), e);
            }
            assertThat(city.driver.findElements(By.cssSelector("main > p.error"))).as(city.find("main").getText()).isEmpty();
            city.waitForText("#submissions", "La Garonne ce soir");
            city.screenshots("official-fr");
            assertThat(city.unlabelledControls()).as("controls without a name on the official screen").isEmpty();
            assertThat(city.lowContrastTexts()).as("texts under AA contrast on the official screen").isEmpty();
            city.click("#submissions li .approve");
            city.waitForText("#submissions", "Rien en attente.");
            assertThat(http.get("accounts/" + cityName + "/community", null).json().size()).isOne();

            city.type("#f-member", manager);
            city.click("#grant button");
            city.find("#team li[data-member='" + manager + "']");

            city.type("#f-gname", "Capitole en fête");
            // The first point centres the map; a clear, then four taps around it draw the area.
            city.type("#f-area", LAT + ", " + LON);
            city.click("#clear-points");
            var map = city.find(".shape-box svg");
            for (var offset : new int[][] {{-60, -60}, {60, -60}, {60, 60}, {-60, 60}}) {
                new org.openqa.selenium.interactions.Actions(city.driver).moveToElement(map, offset[0], offset[1]).click().perform();
            }
            var drawn = city.find("#f-area").getAttribute("value");
            assertThat(drawn.lines().count()).as(drawn).isEqualTo(4);
            city.find(".shape-box polygon");
            city.driver.findElement(By.id("f-png")).sendKeys(overlay.toAbsolutePath().toString());
            city.find(".png-preview");
            city.screenshots("geofilter-editor-fr");
            city.click("#geofilter-form button[type=submit]");
            city.waitForText("#geofilters-admin ul", "Capitole en fête");
            assertThat(http.get("geofilters?lat=" + LAT + "&lon=" + LON, null).json().findValuesAsText("name"))
                    .as(drawn).contains("Capitole en fête");
            assertThat(city.consoleErrors()).isEmpty();
        } finally {
            Files.deleteIfExists(overlay);
        }
    }
}
