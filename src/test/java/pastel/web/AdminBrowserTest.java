package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pastel.support.TestMedia;

/// The instance admin's screen in Chromium: a report resolved with what was reported in view, a
/// geofilter approved after looking at its overlay and area, an account verified; a non-admin
/// has no way in. And the French friends screen with a request (its buttons fit a phone).
class AdminBrowserTest {
    static BrowserApp b;

    @BeforeAll
    static void start() {
        b = BrowserApp.start();
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    /// An admin as `pastel admin create-admin` makes one: the flag in the database, told to the server.
    private static void makeAdmin(String username) {
        var id = b.http.get("me", b.token(username)).json().get("id").asText();
        b.app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE account SET admin = TRUE WHERE id = :id")
                .bind("id", id).execute());
        b.app.accounts().changed(id);
    }

    private static boolean imageLoaded(Browser browser, String css) {
        return Boolean.TRUE.equals(browser.driver.executeScript(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", css));
    }

    private static String pendingGeofilter(String cityName) throws Exception {
        var token = b.city(cityName, "Toulouse");
        var png = b.http.upload(token, TestMedia.transparentPng(540, 960), "image/png").json().get("id").asText();
        var starts = Instant.now().plus(Duration.ofDays(2));
        var area = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1.4430, 43.6050), List.of(1.4455, 43.6050),
                List.of(1.4462, 43.6040), List.of(1.4430, 43.6036), List.of(1.4430, 43.6050))));
        var created = b.http.post("accounts/" + cityName + "/geofilters", token, Map.of("mediaId", png, "name", "Fête du Capitole",
                "area", area, "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofDays(2)).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        return created.json().get("id").asText();
    }

    @Test
    void anAdminResolvesAReportSeeingItsStoryApprovesAGeofilterAndVerifiesAnAccountANonAdminHasNoEntry() throws Exception {
        var adminName = b.name("admin");
        b.person(adminName);
        makeAdmin(adminName);
        var cityName = b.name("capitole");
        var geofilter = pendingGeofilter(cityName);
        var reporter = b.name("lea");
        var troll = b.name("troll");
        b.person(reporter);
        var trollToken = b.person(troll);
        b.befriend(reporter, troll);
        var item = b.http.post("stories", trollToken, Map.of("mediaId", b.http.upload(trollToken, TestMedia.noisyJpeg(360, 640),
                "image/jpeg").json().get("id").asText(), "caption", "regardez ça", "alt", "un geste grossier devant la mairie"));
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        var storyReport = b.http.post("reports", b.token(reporter), Map.of("storyId", item.json().get("id").asText(),
                "reason", "Story insultante envers la mairie")).json().get("id").asText();
        var accountReport = b.http.post("reports", b.token(reporter), Map.of("username", troll,
                "reason", "Il m'envoie des insultes tous les jours")).json().get("id").asText();

        try (var browser = new Browser("fr-FR", false)) {
            b.signIn(browser, adminName);
            browser.driver.get(b.base + "/#/profile");
            browser.click("#to-admin");
            browser.waitForText("main h1", "Administration");

            // Reports: the story as it is now (thumbnail, caption, text alternative), who reported and why.
            var story = "[data-report='" + storyReport + "']";
            browser.waitForText(story + " .reason", "Story insultante");
            browser.wait.until(d -> imageLoaded(browser, story + " .report-thumb"));
            browser.waitForText(story + " .facts", "regardez ça");
            browser.waitForText(story + " .facts", "un geste grossier devant la mairie");
            browser.waitForText(story + " .reporter", "@" + reporter);
            browser.waitForText("[data-report='" + accountReport + "'] .context", "@" + troll);
            BrowserApp.checkScreen(browser, "admin-reports-fr");
            browser.click(story + " [data-resolve]");
            browser.wait.until(d -> d.findElements(By.cssSelector(story)).isEmpty());
            browser.waitForText("#toast", "Signalement traité.");
            browser.find("#f-report-status");
            new org.openqa.selenium.support.ui.Select(browser.find("#f-report-status")).selectByValue("resolved");
            browser.waitForText(story + " .decided", "Traité par @" + adminName);

            // Geofilters: the overlay on a checkerboard, the area on the map grid, the window in French.
            browser.click("#tab-geofilters");
            var pending = "[data-pending='" + geofilter + "']";
            browser.wait.until(d -> imageLoaded(browser, pending + " .overlay-preview"));
            assertThat(browser.driver.executeScript("return getComputedStyle(document.querySelector(arguments[0])).backgroundImage",
                    pending + " .overlay-preview").toString()).contains("conic-gradient");
            assertThat(browser.driver.findElements(By.cssSelector(pending + " svg.area-map path.area"))).hasSize(1);
            assertThat(browser.driver.findElements(By.cssSelector(pending + " svg.area-map .vertex"))).hasSize(4);
            assertThat(browser.driver.findElements(By.cssSelector(pending + " svg.area-map .graticule"))).hasSizeGreaterThan(3);
            browser.waitForText(pending + " .window", "Affiché");
            assertThat(browser.find(pending + " .window").getText()).matches("(?s).*\\d{4}.*").doesNotContain("T").doesNotContain("Z");
            browser.wait.until(d -> !Boolean.TRUE.equals(browser.driver.executeScript(
                    "return document.getElementById('toast').classList.contains('shown')")));
            BrowserApp.checkScreen(browser, "admin-geofilters-fr");
            browser.click(pending + " [data-approve]");
            browser.wait.until(d -> d.findElements(By.cssSelector(pending)).isEmpty());
            assertThat(b.http.get("accounts/" + cityName + "/geofilters", b.token(cityName)).json().get(0).get("status").asText())
                    .isEqualTo("active");

            // Verification: find the city, verify it.
            browser.click("#tab-verify");
            browser.type("#f-verify", cityName);
            browser.find("#f-verify").sendKeys(org.openqa.selenium.Keys.ENTER);
            var row = "#verify-list [data-account='" + cityName + "']";
            browser.waitForText(row, "Vérifier");
            BrowserApp.checkScreen(browser, "admin-verify-fr");
            browser.click(row + " [data-verify]");
            browser.waitForText(row + " [data-verify]", "Retirer le badge");
            assertThat(b.http.get("accounts/" + cityName, null).json().get("verified").asBoolean()).isTrue();
            assertThat(browser.consoleErrors()).isEmpty();
        }

        try (var browser = new Browser("en-US", false)) {
            b.signIn(browser, adminName);
            browser.driver.get(b.base + "/#/admin");
            browser.click("#tab-reports");
            browser.waitForText("[data-report='" + accountReport + "'] .report-title", "Reported account");
            BrowserApp.checkScreen(browser, "admin-reports-en");
            browser.click("#tab-geofilters");
            browser.waitForText("#pending-geofilters", "No geofilter waiting.");
            BrowserApp.checkScreen(browser, "admin-geofilters-en");
        }

        try (var browser = new Browser("fr-FR", false)) {
            b.signIn(browser, reporter);
            browser.driver.get(b.base + "/#/profile");
            browser.find("#signout");
            assertThat(browser.driver.findElements(By.id("to-admin"))).as("no admin entry for a non-admin").isEmpty();
            browser.driver.get(b.base + "/#/admin");
            browser.waitForText("main .error", "Introuvable");
            assertThat(browser.driver.findElements(By.cssSelector("[role=tablist]"))).isEmpty();
        }
    }

    @Test
    void theFrenchFriendsScreenWithARequestFitsAPhone() throws Exception {
        var asker = b.name("maximilien");
        var me = b.name("camille");
        b.person(asker);
        b.person(me);
        assertThat(b.http.post("friends/requests", b.token(asker), Map.of("username", me)).status()).isEqualTo(201);
        try (var browser = new Browser("fr-FR", false)) {
            b.signIn(browser, me);
            browser.driver.get(b.base + "/#/friends");
            var decline = "#incoming [data-decline='" + asker + "']";
            browser.waitForText(decline, "Refuser");
            // Every button of the request inside the screen's width, none cut or overflowing.
            @SuppressWarnings("unchecked")
            var outside = (List<String>) browser.driver.executeScript("""
                    const width = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('#incoming button')]
                      .filter((b) => b.getBoundingClientRect().right > width - 8 || b.scrollWidth > b.clientWidth + 1)
                      .map((b) => b.textContent);""");
            assertThat(outside).isEmpty();
            BrowserApp.checkScreen(browser, "friends-request-fr");
        }
    }
}
