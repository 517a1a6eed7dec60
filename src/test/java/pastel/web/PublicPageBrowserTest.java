package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import pastel.config.Config;
import pastel.support.Http;

/// `/@city` in headless Chromium as a visitor from a poster: the story plays with the items'
/// text alternatives and the video's captions track, ends on the end card, a signed-in resident
/// subscribes from it (counted under the poster's campaign), and an unknown name is an HTML 404.
/// axe-core and the contrast check on every state; screenshots at 390x844 and 1280x800.
class PublicPageBrowserTest {
    static BrowserApp b;
    static Http http;
    static String base;

    @BeforeAll
    static void start() {
        // The operator defaults: the text alternative is required of official accounts.
        b = BrowserApp.start(dataDir -> Config.fromEnvironment(Map.of("PASTEL_PORT", "0", "PASTEL_DATA_DIR", dataDir.toString())));
        http = b.http;
        base = b.base;
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    @Test
    void aVisitorFromAPosterWatchesTheStoryAndSubscribesFromTheEndCard() throws Exception {
        var f = PublicPageFixture.create(http);
        try (var browser = new Browser("en-US", false)) {
            browser.driver.get(base + "/@" + f.city() + "?campaign=metro-2026");
            browser.find("#story .item.active img");
            // The photo's text alternative is its alt; the video carries its captions as a track.
            assertThat(browser.driver.findElement(By.cssSelector("#story .item img")).getAttribute("alt")).isEqualTo(f.photoAlt());
            var track = browser.driver.findElement(By.cssSelector("#story video track[kind=captions]"));
            assertThat(track.getAttribute("src")).contains("/captions?");
            var vtt = http.fetch(track.getAttribute("src").substring(base.length()), Map.of());
            assertThat(vtt.status()).isEqualTo(200);
            assertThat(vtt.body()).contains("Bienvenue au Capitole");
            assertThat(browser.driver.findElement(By.cssSelector("#story video")).getAttribute("aria-label")).isEqualTo(f.videoAlt());
            // Times are the visitor's, relative, in the page's language.
            assertThat(browser.find("#story .item.active time").getText()).matches("(now|\\d+ (sec|min)\\. ago|this minute)");
            Thread.sleep(600);
            browser.screenshots("public-page-story");
            assertThat(browser.axeViolations()).as("axe while playing").isEmpty();
            assertThat(browser.lowContrastTexts()).as("contrast while playing").isEmpty();

            // Next, next, next (the story may have ended by itself meanwhile): the end card.
            toTheEnd(browser);
            browser.find("#end .subscribe");
            assertThat(browser.find("#end").getText()).contains("You're all caught up", "Replay", "Subscribe", "Create an account",
                    "Open in the app", "3 subscribers");
            assertThat(browser.find(".strip").getText()).contains("Highlights");
            assertThat(browser.driver.findElements(By.cssSelector(".strip")).get(1).getText()).contains("Our story", "@" + f.resident());
            browser.screenshots("public-page-end");
            assertThat(browser.axeViolations()).as("axe on the end card").isEmpty();
            assertThat(browser.lowContrastTexts()).as("contrast on the end card").isEmpty();

            // Replay starts the story again.
            browser.click("#end .replay");
            browser.find("#story .item.active");

            // A resident signed in to the web client on this browser subscribes from the card.
            browser.driver.executeScript("localStorage.setItem('pastel.token', arguments[0])", f.residentToken());
            browser.driver.navigate().refresh();
            browser.find("#story .item.active");
            toTheEnd(browser);
            browser.click("#end .subscribe");
            browser.waitForText("#end .subscribe", "Subscribed");
            assertThat(browser.find("#end .count-text").getText()).isEqualTo("4 subscribers");
            var sources = http.get("accounts/" + f.city() + "/insights/sources?days=1", f.cityToken()).json();
            assertThat(sources.toString()).contains("\"source\":\"qr\",\"campaign\":\"metro-2026\",\"subscriptions\":1");
            assertThat(browser.consoleErrors()).isEmpty();
        }
        try (var browser = new Browser("fr-FR", false)) {
            browser.driver.get(base + "/@personne_ici");
            browser.wait.until(ExpectedConditions.titleContains("introuvable"));
            assertThat(browser.find("h1").getText()).isEqualTo("Page introuvable");
            browser.screenshots("public-page-404");
            assertThat(browser.axeViolations()).as("axe on the 404 page").isEmpty();
        }
        // A browser's request (Accept: text/html) gets the page; API clients keep the problem
        // document the contract checker of pastel.support.Http expects, so this one goes around it.
        var missing = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/@personne_ici")).header("Accept", "text/html").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(http.get("/@personne_ici", null).status()).isEqualTo(404);
    }

    /// Taps "next" while the story plays, as a visitor skipping through it would.
    private static void toTheEnd(Browser browser) {
        for (int i = 0; i < 10; i++) {
            browser.driver.executeScript("if (document.body.classList.contains('playing')) document.querySelector('#story .next').click()");
        }
    }
}
