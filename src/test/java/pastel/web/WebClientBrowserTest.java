package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pastel.App;
import pastel.support.Http;
import pastel.support.TestMedia;

/// The web client in real (headless) Chromium against a real server on a random port.
class WebClientBrowserTest {
    static BrowserApp b;
    static App app;
    static String base;
    static Http http;

    @BeforeAll
    static void start() {
        b = BrowserApp.start();
        app = b.app;
        base = b.base;
        http = b.http;
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    private static boolean orange(int rgb) {
        var c = new java.awt.Color(rgb);
        return c.getRed() > 200 && c.getGreen() > 70 && c.getGreen() < 175 && c.getBlue() < 80;
    }

    /// TestMedia.transparentPng(540, 960) fitted inside a w x h picture, centred: the middle of its
    /// orange band (rows 720-840 of 960), at a quarter, half and three quarters of its width.
    private static java.util.List<int[]> bandPoints(int width, int height) {
        var scale = Math.min(width / 540.0, height / 960.0);
        var left = (width - 540 * scale) / 2;
        var y = (int) Math.round((height - 960 * scale) / 2 + 780 * scale);
        return java.util.List.of(new int[] {(int) (left + 135 * scale), y}, new int[] {(int) (left + 270 * scale), y},
                new int[] {(int) (left + 405 * scale), y});
    }

    private static String capitoleGeofilter(String cityName) throws Exception {
        var cityToken = b.city(cityName, "Toulouse");
        app.accounts().setVerified(cityName, true);
        var png = http.upload(cityToken, TestMedia.transparentPng(540, 960), "image/png").json().get("id").asText();
        var filter = http.post("accounts/" + cityName + "/geofilters", cityToken, capitoleFilter(png));
        assertThat(filter.status()).as(filter.toString()).isEqualTo(201);
        return filter.json().get("id").asText();
    }

    @Test
    void shootFreezeRetakeSendToTwoFriendsWithAGeofilterThenSeeOpenedAndScreenshotLive() throws Exception {
        var filter = capitoleGeofilter(b.name("capitole"));
        var cleoName = b.name("cleo");
        b.person(cleoName);
        try (var ana = new Browser("en-US", true); var ben = new Browser("en-US", false)) {
            var anaName = b.name("ana");
            var benName = b.name("ben");
            b.signUp(ana, anaName);
            b.signUp(ben, benName);
            b.befriend(anaName, benName);
            b.befriend(anaName, cleoName);
            ana.atPosition(LAT, LON);

            // The app opens on the camera; the geofilter of the place goes over the live picture.
            ana.driver.get(base + "/#/camera");
            ana.find("#shoot");
            ana.click("#locate");
            ana.click("#geofilters label:has(input[value='" + filter + "'])");
            ana.wait.until(d -> d.findElement(By.cssSelector("#live-stage .overlay")).isDisplayed());
            BrowserApp.checkScreen(ana, "camera");

            // Shoot: the photo is frozen (the live preview is gone); retake brings the camera back.
            ana.click("#shoot");
            ana.find("#shot #frozen");
            assertThat(ana.driver.findElement(By.id("live-stage")).isDisplayed()).isFalse();
            assertThat(ana.find("#frozen-overlay").isDisplayed()).as("the geofilter drawn on the frozen shot").isTrue();
            ana.click("#retake");
            ana.find("#live-stage #shoot");
            assertThat(ana.driver.findElement(By.id("shot")).isDisplayed()).isFalse();
            ana.click("#shoot");
            ana.find("#shot #frozen");
            ana.type("#f-caption", "Place du Capitole");
            ana.wait.until(d -> d.findElement(By.id("upload-state")).getText().isEmpty());
            BrowserApp.checkScreen(ana, "preview");

            // Send to two friends from the sheet.
            ana.click("#send-to");
            ana.find("#send-sheet[open]");
            ana.click("#send-sheet input[value='" + benName + "']");
            ana.click("#send-sheet input[value='" + cleoName + "']");
            ana.waitForText("#send-summary", "and");
            // "No limit": the snap stays until closed, whatever the load on the test machine.
            new org.openqa.selenium.support.ui.Select(ana.find("#f-seconds")).selectByValue("0");
            BrowserApp.checkScreen(ana, "send-sheet");
            ana.click("#send-now");
            ana.wait.until(d -> !d.findElement(By.id("send-sheet")).isDisplayed());
            ana.waitForText("#toast", "Sent to");

            // Cleo's picture (as she gets it) carries the geofilter's orange band where Ana saw it.
            var cleo = b.token(cleoName);
            var snapId = http.get("snaps/received", cleo).json().get(0).get("id").asText();
            var opened = http.post("snaps/" + snapId + "/open", cleo, null).json();
            assertThat(opened.get("caption").asText()).isEqualTo("Place du Capitole");
            var picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    http.fetchBytes(opened.get("mediaUrl").asText()).body()));
            for (var point : bandPoints(picture.getWidth(), picture.getHeight())) {
                assertThat(orange(picture.getRGB(point[0], point[1])))
                        .as("geofilter pixel at %d,%d of %dx%d", point[0], point[1], picture.getWidth(), picture.getHeight()).isTrue();
            }

            // Ana watches her sent snaps; Ben opens his: "Opened", then a screenshot, both live.
            ana.click("#tabs a[data-tab=inbox]");
            ana.find("#sent-list [data-recipient='" + benName + "'][data-status=delivered]");
            ben.click("#tabs a[data-tab=inbox]");
            ben.find("#inbox-list [data-status=new] button");
            BrowserApp.checkScreen(ben, "inbox");
            ben.click("#inbox-list [data-status=new] button");
            ben.find(".viewer img.media");
            ana.find("#sent-list [data-recipient='" + benName + "'][data-status=opened]");
            ben.driver.executeScript("document.dispatchEvent(new KeyboardEvent('keyup', {key: 'PrintScreen'}))");
            ana.find("#sent-list [data-recipient='" + benName + "'][data-status=screenshot]");
            assertThat(ana.find("#sent-list [data-recipient='" + benName + "']").getText()).contains("Screenshot");
            ana.screenshots("inbox-sent");
            BrowserApp.checkScreen(ben, "viewer");
            ben.click("#viewer-close");
            ben.wait.until(d -> d.findElements(By.cssSelector(".viewer")).isEmpty());

            // A clip filmed while the shutter is held arrives with the geofilter in its frames.
            ana.click("#tabs a[data-tab=camera]");
            ana.click("#locate");
            ana.click("#geofilters label:has(input[value='" + filter + "'])");
            new org.openqa.selenium.interactions.Actions(ana.driver).clickAndHold(ana.find("#shoot"))
                    .pause(java.time.Duration.ofMillis(2000)).release().perform();
            ana.find("#shot video#frozen");
            ana.wait.until(d -> d.findElement(By.id("upload-state")).getText().isEmpty());
            ana.click("#send-to");
            ana.click("#send-sheet input[value='" + benName + "']");
            ana.click("#send-now");
            ana.wait.until(d -> !d.findElement(By.id("send-sheet")).isDisplayed());
            var benToken = b.token(benName);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    http.get("snaps/received", benToken).json().findValuesAsText("kind").contains("video"));
            var video = http.get("snaps/received", benToken).json().get(0);
            var clip = Files.createTempFile("pastel-clip-", ".mp4");
            var frame = Files.createTempFile("pastel-frame-", ".png");
            try {
                Files.write(clip, http.fetchBytes(http.post("snaps/" + video.get("id").asText() + "/open", benToken, null)
                        .json().get("mediaUrl").asText()).body());
                TestMedia.run("ffmpeg", "-v", "error", "-y", "-ss", "0.5", "-i", clip.toString(), "-frames:v", "1", frame.toString());
                var image = javax.imageio.ImageIO.read(frame.toFile());
                for (var point : bandPoints(image.getWidth(), image.getHeight())) {
                    assertThat(orange(image.getRGB(point[0], point[1])))
                            .as("geofilter pixel at %d,%d of the video frame", point[0], point[1]).isTrue();
                }
            } finally {
                Files.deleteIfExists(clip);
                Files.deleteIfExists(frame);
            }
            assertThat(ana.consoleErrors()).as("console errors in Ana's browser").isEmpty();
            assertThat(ben.consoleErrors()).as("console errors in Ben's browser").isEmpty();
        }
    }

    @Test
    void avatarInTheRingASlowStoryReplyAndALongChatThatKeepsItsDraft() throws Exception {
        var avatar = Files.createTempFile("pastel-avatar-", ".jpg");
        Files.write(avatar, TestMedia.noisyJpeg(600, 400));
        try (var ana = new Browser("en-US", false); var ben = new Browser("en-US", false)) {
            var anaName = b.name("sana");
            var benName = b.name("sben");
            b.signUp(ana, anaName);
            b.signUp(ben, benName);
            b.befriend(anaName, benName);
            var anaToken = b.token(anaName);
            var benToken = b.token(benName);

            // Ana sets her picture on her profile.
            ana.click("#tabs a[data-tab=profile]");
            ana.find("#profile-name");
            ana.driver.findElement(By.id("f-avatar")).sendKeys(avatar.toAbsolutePath().toString());
            ana.wait.until(d -> d.findElement(By.cssSelector(".profile-head img")).getAttribute("src").contains("/media/"));
            BrowserApp.checkScreen(ana, "profile");

            // She posts a photo to her story; Ben sees it in his ring with her picture.
            var media = http.upload(anaToken, TestMedia.noisyJpeg(360, 640), "image/jpeg").json().get("id").asText();
            assertThat(http.post("stories", anaToken, Map.of("mediaId", media, "caption", "Golden hour")).status()).isEqualTo(201);
            ben.click("#tabs a[data-tab=stories]");
            var ring = ben.find("#story-ring button[data-account='" + anaName + "']");
            assertThat(ring.findElement(By.cssSelector(".ring-pic.unseen img")).getAttribute("src")).contains("/media/");
            BrowserApp.checkScreen(ben, "stories");

            // Ben opens it and types a reply slowly (10 s, twice the item's time): the story waits.
            ring.click();
            // Focus the reply field as soon as it shows (an item lasts 5 s): the story holds still.
            new org.openqa.selenium.support.ui.WebDriverWait(ben.driver, Duration.ofSeconds(20), Duration.ofMillis(50))
                    .until(d -> (Boolean) ben.driver.executeScript("""
                            const field = document.getElementById('f-reply');
                            if (!field) return false;
                            field.focus();
                            return true;"""));
            ben.find(".viewer.story img.media");
            ben.waitForText(".viewer.story .viewer-head", anaName.toUpperCase());
            ben.waitForText(".viewer.story .caption-bar", "Golden hour");
            BrowserApp.checkScreen(ben, "story-viewer");
            var reply = ben.find("#f-reply");
            var text = "Trop beau ce coucher de soleil, on y va ce soir";
            var started = System.nanoTime();
            for (var c : text.toCharArray()) {
                reply.sendKeys(String.valueOf(c));
                Thread.sleep(10_000 / text.length());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(9));
            assertThat(ben.driver.findElements(By.cssSelector(".viewer.story"))).as("still open after 10 s of typing").isNotEmpty();
            reply.sendKeys(org.openqa.selenium.Keys.ENTER);
            ben.waitForText("#reply-sent", "Reply sent");
            assertThat(http.get("chats/" + benName + "/messages", anaToken).json().findValuesAsText("text")).contains(text);
            ben.click("#story-close");

            // A chat of 40 messages opens at the newest, with the field in view.
            for (int i = 1; i <= 40; i++) {
                var from = i % 2 == 0 ? anaToken : benToken;
                var to = i % 2 == 0 ? benName : anaName;
                assertThat(http.post("chats/" + to + "/messages", from, Map.of("text", "message " + i)).status()).isEqualTo(201);
            }
            ben.driver.get(base + "/#/chat/" + anaName);
            ben.waitForText("#messages", "message 40");
            ben.wait.until(d -> (Boolean) ben.driver.executeScript("""
                    const s = document.getElementById('chat-scroller');
                    return s.scrollHeight > s.clientHeight && s.scrollTop + s.clientHeight >= s.scrollHeight - 4;"""));
            assertThat((Boolean) ben.driver.executeScript("""
                    const last = [...document.querySelectorAll('#messages .bubble')].pop().getBoundingClientRect();
                    const field = document.getElementById('f-message').getBoundingClientRect();
                    return last.bottom <= field.top + 1 && field.bottom <= innerHeight && field.top > 0;""")).isTrue();
            // A draft survives an incoming message (one bubble appended, the field untouched).
            var field = ben.find("#f-message");
            field.sendKeys("je suis en train d'écrire");
            http.post("chats/" + benName + "/messages", anaToken, Map.of("text", "tu es où ?"));
            ben.waitForText("#messages", "tu es où ?");
            assertThat(field.getAttribute("value")).isEqualTo("je suis en train d'écrire");
            assertThat(ben.driver.switchTo().activeElement()).isEqualTo(field);
            // Save a message with the context menu (long press on a phone).
            new org.openqa.selenium.interactions.Actions(ben.driver)
                    .contextClick(ben.find("#messages .bubble.theirs:last-of-type")).perform();
            ben.click("#save-message");
            ben.find("#messages .bubble.saved");
            BrowserApp.checkScreen(ben, "chat");
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        } finally {
            Files.deleteIfExists(avatar);
        }
    }

    @Test
    void aFriendRequestIsListedAcceptedLiveRemovedAndABlockAsksFirst() throws Exception {
        var photo = Files.createTempFile("pastel-photo-", ".jpg");
        Files.write(photo, TestMedia.noisyJpeg(300, 200));
        var cityName = b.name("town");
        http.post("accounts", null, Map.of("username", cityName, "password", "a long enough password",
                "displayName", "Town " + cityName, "birthDate", "1970-01-01", "kind", "public", "category", "city",
                "city", "Albi"));
        try (var ana = new Browser("en-US", false); var ben = new Browser("en-US", false)) {
            var anaName = b.name("fana");
            var benName = b.name("fben");
            b.signUp(ana, anaName);
            b.signUp(ben, benName);
            // Without a camera the file picker stands in.
            ana.find("#no-camera");
            ana.driver.findElement(By.id("f-file")).sendKeys(photo.toAbsolutePath().toString());
            ana.find("#shot #frozen");
            ana.click("#retake");

            ben.driver.get(base + "/#/friends");
            ben.find("#incoming");
            ana.driver.get(base + "/#/friends");
            ana.type("#f-friend", benName.toUpperCase().substring(0, 5));
            ana.click("#search-results [data-add='" + benName + "']");
            ana.find("#outgoing [data-outgoing='" + benName + "']");
            // Ben is told at once and accepts; Ana's screen follows by itself.
            ben.click("#incoming [data-accept='" + anaName + "']");
            ben.find("#friend-list [data-friend='" + anaName + "']");
            ana.find("#friend-list [data-friend='" + benName + "']");
            ana.wait.until(d -> d.findElements(By.cssSelector("#outgoing [data-outgoing='" + benName + "']")).isEmpty());
            BrowserApp.checkScreen(ana, "friends");

            // Remove, confirmed.
            ana.click("[data-more='" + benName + "']");
            ana.click("#remove-friend");
            ana.find("dialog.confirm[open]");
            BrowserApp.checkScreen(ana, "confirm");
            ana.click("#confirm-yes");
            ana.wait.until(d -> d.findElements(By.cssSelector("#friend-list [data-friend='" + benName + "']")).isEmpty());
            assertThat(http.get("friends", b.token(anaName)).json().findValuesAsText("username")).doesNotContain(benName);

            // Block asks first: "cancel" blocks nothing, "block" does.
            b.befriend(anaName, benName);
            ana.driver.navigate().refresh();
            ana.click("[data-more='" + benName + "']");
            ana.click("#block-friend");
            ana.waitForText("#confirm-text", "Block");
            ana.click("#confirm-no");
            assertThat(http.get("accounts/" + benName, b.token(anaName)).status()).isEqualTo(200);
            ana.click("[data-more='" + benName + "']");
            ana.click("#block-friend");
            ana.click("#confirm-yes");
            ana.wait.until(d -> d.findElements(By.cssSelector("#friend-list [data-friend='" + benName + "']")).isEmpty());
            assertThat(http.get("accounts/" + benName, b.token(anaName)).status()).isEqualTo(404);

            ben.click("#tabs a[data-tab=discover]");
            ben.type("#f-q", cityName);
            ben.find("#f-q").sendKeys(org.openqa.selenium.Keys.ENTER);
            ben.click("#found li[data-account='" + cityName + "'] button");
            ben.waitForText("#found li[data-account='" + cityName + "']", "Unsubscribe");
            ben.waitForText("#leaderboard", "Town " + cityName);
            BrowserApp.checkScreen(ben, "discover");
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    @Test
    void frenchFromTheBrowserLanguageWithItsPluralsThenEnglishAndInstallable() throws Exception {
        try (var browser = new Browser("fr-FR", false)) {
            browser.driver.get(base + "/");
            browser.waitForText("main h1", "Connexion");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
            BrowserApp.checkScreen(browser, "signin-fr");
            assertThat(browser.driver.findElement(By.id("tabs")).isDisplayed()).as("no tab bar while signed out").isFalse();
            // Plurals and relative times from Intl, in French.
            assertThat(browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import(document.querySelector('script[type=module]').src.replace('app.js', 'i18n.js')).then((m) => done([
                      m.plural('discover.subscribers', 1), m.plural('discover.subscribers', 2), m.plural('chat.unread', 1),
                      m.relativeTime(new Date(Date.now() - 120000).toISOString())].join(' | ')));"""))
                    .isEqualTo("1 abonné | 2 abonnés | 1 nouveau message | il y a 2 minutes");
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
            browser.type("#f-username", b.name("jeune"));
            browser.type("#f-displayName", "Jeune");
            browser.find("#f-birthDate").sendKeys("01012020");
            browser.type("#f-password", "a long enough password");
            browser.click("form button[type=submit]");
            // The rule broken is written under its field; the box above the button points there.
            browser.waitForText("#f-birthDate-error", "Il faut avoir au moins 13 ans");
            assertThat(browser.find("main .error").getText()).isEqualTo("Certains champs sont à corriger : regarde les messages en dessous.");
            browser.screenshots("signup-error-fr");
            var taken = b.name("pris");
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
            browser.type("#f-username", b.name("personne"));
            browser.type("#f-password", "not the password");
            browser.click("form button[type=submit]");
            browser.waitForText("main .error", "Nom d'utilisateur ou mot de passe incorrect.");
            browser.click("#lang");
            browser.waitForText("main h1", "Sign in");
            browser.driver.navigate().refresh();
            browser.waitForText("main h1", "Sign in");
            // Installable: manifest with icons, a service worker; Chrome's own check has nothing to say.
            browser.wait.until(d -> (Boolean) browser.driver.executeScript("return !!navigator.serviceWorker.controller || "
                    + "document.readyState === 'complete'"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(browser.installabilityErrors()).isEmpty());
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("/api/v1/") && (e.contains("400") || e.contains("401") || e.contains("409")));
        }
    }

    @Test
    void aManagerPostsForTheCityAndReadsItsInsightsAndCsv() throws Exception {
        var cityName = b.name("city");
        var city = http.post("accounts", null, Map.of("username", cityName, "password", "a long enough password",
                "displayName", "Ville", "birthDate", "1970-01-01", "kind", "public", "category", "city", "city", "Toulouse"));
        assertThat(city.status()).isEqualTo(201);
        var cityToken = http.post("sessions", null, Map.of("username", cityName, "password", "a long enough password"))
                .json().get("token").asText();
        try (var manager = new Browser("en-US", true)) {
            var managerName = b.name("cm");
            b.signUp(manager, managerName);
            b.grantManager(cityName, cityToken, managerName);
            manager.driver.get(base + "/#/profile");
            manager.find("#to-insights");
            manager.driver.get(base + "/#/camera");
            manager.click("#shoot");
            manager.click("#send-to");
            manager.click("#send-sheet input[value='story:" + cityName + "']");
            manager.click("#send-now");
            manager.wait.until(d -> !d.findElement(By.id("send-sheet")).isDisplayed());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> http.get("accounts/" + cityName + "/stories", null).json().size() == 1);

            var item = http.get("accounts/" + cityName + "/stories", null).json().get(0).get("id").asText();
            for (int i = 0; i < 3; i++) {
                var viewer = b.name("viewer");
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
            assertThat(manager.find("#items li[data-item='" + item + "'] dd[data-metric=views]").getText()).isEqualTo("3");
            assertThat(manager.find("#ages").getText()).contains("Hidden");
            assertThat(manager.find("#subscribers").getText()).isEqualTo("1");
            assertThat(manager.find("#subscribers-gained").getText()).isEqualTo("+1");
            assertThat(manager.find("#subscribers-lost").getText()).isEqualTo("−0");
            assertThat(manager.find("#subscribers-chart").getAttribute("aria-label")).contains("1 gained and 0 lost");
            manager.screenshots("insights");
            assertThat(manager.unlabelledControls()).as("controls without a name on the insights screen").isEmpty();
            assertThat(manager.lowContrastTexts()).as("texts under AA contrast on the insights screen").isEmpty();
            manager.click("#csv-summary");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try (var files = Files.list(manager.downloads)) {
                    return files.anyMatch(p -> p.getFileName().toString().startsWith(cityName + "-summary-") && p.toString().endsWith(".csv"));
                }
            });
            try (var files = Files.list(manager.downloads)) {
                var csv = files.filter(p -> p.getFileName().toString().startsWith(cityName + "-summary-") && p.toString().endsWith(".csv")).findFirst().orElseThrow();
                assertThat(Files.readString(csv)).contains("\r\nviews," + summary.get("views").asLong() + "\r\n");
            }
            assertThat(manager.consoleErrors()).isEmpty();
        }
    }

    /// The screen and the field as the page holds them: a marker on each survives only if
    /// neither was rebuilt.
    private static final String MARK = """
            document.querySelector('.screen').dataset.mark = 'kept';
            document.getElementById(arguments[0]).dataset.mark = 'kept';""";
    private static final String MARKED = """
            return document.querySelector('.screen').dataset.mark === 'kept'
                && document.getElementById(arguments[0]).dataset.mark === 'kept';""";

    @Test
    void aHalfTypedMessageIsKeptWhileAMessageASnapAndAFriendRequestArrive() throws Exception {
        try (var ana = new Browser("en-US", false); var ben = new Browser("en-US", false)) {
            var anaName = b.name("dana");
            var benName = b.name("dben");
            b.signUp(ana, anaName);
            b.signUp(ben, benName);
            b.befriend(anaName, benName);
            assertThat(http.post("chats/" + anaName + "/messages", b.token(benName), Map.of("text", "salut")).status()).isEqualTo(201);
            ana.driver.get(base + "/#/chat/" + benName);
            ana.waitForText("#messages", "salut");
            ben.driver.get(base + "/#/chat/" + anaName);
            ben.waitForText("#messages", "salut");

            // Ben types half a message; Ana answers from her phone before he is done.
            var field = ben.find("#f-message");
            field.sendKeys("On se retrouve au Capi");
            ben.driver.executeScript(MARK, "f-message");
            var bubbles = ben.driver.findElements(By.cssSelector("#messages .bubble")).size();
            var answer = ana.find("#f-message");
            answer.sendKeys("tu es où ?");
            answer.sendKeys(org.openqa.selenium.Keys.ENTER);
            ben.waitForText("#messages", "tu es où ?");

            // Then other events reach his screen, each told by a toast: a snap from Ana and a
            // friend request.
            var anaToken = b.token(anaName);
            var media = http.upload(anaToken, TestMedia.noisyJpeg(360, 640), "image/jpeg").json().get("id").asText();
            assertThat(http.post("snaps", anaToken, Map.of("mediaId", media, "to", java.util.List.of(benName), "viewSeconds", 5))
                    .status()).isEqualTo(201);
            ben.wait.until(d -> d.findElement(By.id("toast")).getAttribute("textContent").contains("New snap from " + anaName));
            var cleo = b.name("cleo");
            assertThat(http.post("friends/requests", b.person(cleo), Map.of("username", benName)).status()).isEqualTo(201);
            ben.wait.until(d -> d.findElement(By.id("toast")).getAttribute("textContent").contains(cleo));

            // The draft is as he left it, in the same field, still focused, the caret at its end;
            // the message was one bubble appended.
            assertThat(field.getAttribute("value")).isEqualTo("On se retrouve au Capi");
            assertThat((Boolean) ben.driver.executeScript(MARKED, "f-message")).as("screen and field never rebuilt").isTrue();
            assertThat(ben.driver.switchTo().activeElement()).isEqualTo(field);
            assertThat(ben.driver.executeScript("return document.getElementById('f-message').selectionStart")).isEqualTo(22L);
            assertThat(ben.driver.findElements(By.cssSelector("#messages .bubble"))).hasSize(bubbles + 1);
            ben.screenshots("chat-draft");

            // He finishes it and sends it: Ana gets it whole, his field is empty for the next one.
            field.sendKeys(" ce soir ?");
            field.sendKeys(org.openqa.selenium.Keys.ENTER);
            ana.waitForText("#messages", "On se retrouve au Capi ce soir ?");
            ben.wait.until(d -> field.getAttribute("value").isEmpty());
            assertThat(ana.consoleErrors()).isEmpty();
            assertThat(ben.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aHalfDrawnGeofilterIsKeptWhileTheTeamModeratesAndGrows() throws Exception {
        var cityName = b.name("ville");
        b.city(cityName, "Toulouse");
        var submitterToken = b.person(b.name("voisin"));
        var photo = http.upload(submitterToken, TestMedia.noisyJpeg(320, 240), "image/jpeg").json().get("id").asText();
        assertThat(http.post("accounts/" + cityName + "/community/submissions", submitterToken,
                Map.of("mediaId", photo, "caption", "Le marché")).status()).isEqualTo(201);
        var manager = b.name("agent");
        b.person(manager);
        try (var city = new Browser("en-US", false)) {
            b.signIn(city, cityName);
            city.driver.get(base + "/#/official");
            city.waitForText("#submissions", "Le marché");
            city.type("#f-gname", "Marché de Noël");
            city.type("#f-area", LAT + ", " + LON);
            city.driver.executeScript(MARK, "f-gname");

            city.click("#submissions li .approve");
            city.waitForText("#submissions", "Nothing waiting.");
            city.type("#f-member", manager);
            city.click("#grant button");
            city.find("#team li[data-member='" + manager + "']");

            assertThat(city.find("#f-gname").getAttribute("value")).isEqualTo("Marché de Noël");
            assertThat(city.find("#f-area").getAttribute("value")).isEqualTo(LAT + ", " + LON);
            assertThat((Boolean) city.driver.executeScript(MARKED, "f-gname")).as("screen and form never rebuilt").isTrue();
            assertThat(city.find("#f-member").getAttribute("value")).isEmpty();
            city.screenshots("official");
            assertThat(city.consoleErrors()).isEmpty();
        }
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
    void theCityTeamModeratesTheCommunityStoryManagesItsTeamAndPublishesAGeofilter() throws Exception {
        var cityName = b.name("mairie");
        b.city(cityName, "Toulouse");
        app.accounts().setVerified(cityName, true);
        var submitter = b.name("habitant");
        var submitterToken = b.person(submitter);
        var photo = http.upload(submitterToken, TestMedia.noisyJpeg(320, 240), "image/jpeg").json().get("id").asText();
        assertThat(http.post("accounts/" + cityName + "/community/submissions", submitterToken,
                Map.of("mediaId", photo, "caption", "La Garonne ce soir")).status()).isEqualTo(201);
        var manager = b.name("agent");
        b.person(manager);
        var overlay = Files.createTempFile("pastel-overlay-", ".png");
        Files.write(overlay, TestMedia.transparentPng(540, 960));
        try (var city = new Browser("fr-FR", false)) {
            city.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
            b.signIn(city, cityName);
            city.driver.get(base + "/#/official");
            try {
                city.wait.until(d -> !d.findElements(By.cssSelector("#submissions, main > p.error")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(city.driver.getCurrentUrl() + " / " + city.find("main").getText() + " / " + city.consoleErrors(), e);
            }
            assertThat(city.driver.findElements(By.cssSelector("main > p.error"))).as(city.find("main").getText()).isEmpty();
            city.waitForText("#submissions", "La Garonne ce soir");
            city.screenshots("official-fr");
            assertThat(city.axeViolations()).as("axe on the official screen").isEmpty();
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
            city.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
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
