package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import pastel.support.Http;

/// A city's community manager reads the insights for a mayor's report in headless Chromium: the
/// overview, every story and every day show exactly the API's numbers, in English and in French,
/// for 28 days, 7 days and a custom period; a deleted item keeps its numbers with a placeholder
/// picture; each table downloads as its own CSV file. A resident plays the city's story with the
/// keyboard: the photo's alt, the video's captions track, "Item 2 of 3" announced, focus kept in
/// the viewer and given back. axe, names and contrast on each screen; screenshots at both sizes.
class InsightsBrowserTest {
    static BrowserApp b;
    static Http http;
    static String base;
    static PublicPageFixture f;
    static String deletedItem;

    @BeforeAll
    static void start() throws Exception {
        b = BrowserApp.start();
        http = b.http;
        base = b.base;
        f = PublicPageFixture.create(http);
        var items = http.get("accounts/" + f.city() + "/stories", f.cityToken()).json();
        assertThat(items).hasSize(3);
        // Residents watch, reply and take a screenshot, all through the API.
        for (int i = 0; i < 4; i++) {
            var resident = b.name("res");
            var token = b.person(resident);
            if (i < 2) assertThat(http.put("subscriptions/" + f.city() + "?source=discover", token).status()).isEqualTo(204);
            for (int k = 0; k < items.size(); k++) {
                if (k > i) continue;
                var view = http.post("stories/" + items.get(k).get("id").asText() + "/views", token,
                        Map.of("watchedMs", 1500 + 700 * i + 300 * k, "completed", (i + k) % 2 == 0));
                assertThat(view.status()).isEqualTo(204);
            }
            if (i == 1) http.post("stories/" + items.get(0).get("id").asText() + "/replies", token, Map.of("text", "Génial !"));
            if (i == 2) http.post("stories/" + items.get(1).get("id").asText() + "/screenshot", token, null);
        }
        // Twenty days ago the city posted an item, deleted since: only its numbers remain (as the
        // sweep leaves them), so 28 days and 7 days differ.
        deletedItem = "01OLDITEM00000000000000000";
        var day = Math.floorDiv(System.currentTimeMillis(), 86_400_000L) - 20;
        var postedAt = day * 86_400_000L + 14 * 3_600_000L + 5 * 60_000L;
        b.app.database().jdbi().useHandle(h -> {
            var account = h.createQuery("SELECT id FROM account WHERE username = :u").bind("u", f.city()).mapTo(String.class).one();
            h.createUpdate("""
                    INSERT INTO story_stats (item_id, account_id, posted_at, views, unique_viewers, completed_viewers,
                        watch_ms_total, screenshots, replies, band_13_17, band_18_24, band_25_34, band_35_plus, subscriber_viewers)
                    VALUES (:item, :account, :at, 240, 180, 120, 540000, 3, 5, 0, 150, 20, 10, 90)""")
                    .bind("item", deletedItem).bind("account", account).bind("at", postedAt).execute();
            h.createUpdate("INSERT INTO story_daily (account_id, day, views, unique_viewers) VALUES (:account, :day, 240, 180)")
                    .bind("account", account).bind("day", day).execute();
        });
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    @Test
    void theInsightsShowTheApisNumbersForEveryPeriodAndEachTableDownloads() throws Exception {
        try (var browser = new Browser("en-US", false)) {
            b.signIn(browser, f.city());
            browser.driver.get(base + "/#/insights");
            chooseChip(browser, "28");
            sameNumbers(browser, 28, Locale.ENGLISH);
            var old = browser.find("#items li[data-item='" + deletedItem + "']");
            assertThat(old.findElement(By.cssSelector(".item-thumb.placeholder")).getText()).isEqualTo("Expired");
            assertThat(old.findElements(By.cssSelector("img"))).isEmpty();
            assertThat(old.findElement(By.cssSelector("time")).getText()).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \\d{1,2}, \\d{1,2}:\\d{2}[\\s\\u202f](AM|PM)");
            assertThat(browser.find("#ages").getText()).contains("18-24 years", "Hidden (< 10)");
            assertThat(browser.find("#suppressed-note").getText()).contains("fewer than 10 people");
            assertThat(browser.find("#sources li[data-source=discover]").getText()).contains("Discover").endsWith("2");
            Thread.sleep(300);
            BrowserApp.checkScreen(browser, "insights-en");
            for (var part : new String[] {"per-day", "stories", "audience", "sources"}) {
                browser.driver.executeScript("document.getElementById(arguments[0]).scrollIntoView()", part + "-part");
                browser.screenshots("insights-en-" + part);
            }
            browser.click("#per-day-part details summary");
            browser.driver.executeScript("document.getElementById('per-day-part').scrollIntoView()");
            browser.screenshots("insights-en-table");

            // Each table is its own file, named by the server, with its header row.
            for (var table : Map.of("stories", "item,postedAt,kind,caption,views,uniqueViewers,avgWatchSeconds",
                    "daily", "date,views,uniqueViewers,subscribersGained,subscribersLost",
                    "audience", "breakdown,segment,people").entrySet()) {
                browser.click("#csv-" + table.getKey());
                var file = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> downloaded(browser, table.getKey()),
                        java.util.Objects::nonNull);
                assertThat(file.getFileName().toString()).matches(f.city() + "-" + table.getKey() + "-\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.csv");
                assertThat(Files.readString(file)).startsWith(table.getValue());
            }

            chooseChip(browser, "7");
            sameNumbers(browser, 7, Locale.ENGLISH);
            assertThat(browser.driver.findElements(By.cssSelector("#items li[data-item='" + deletedItem + "']"))).isEmpty();

            chooseChip(browser, "custom");
            browser.find("#f-days").clear();
            browser.type("#f-days", "3");
            browser.click("#custom-days button[type=submit]");
            sameNumbers(browser, 3, Locale.ENGLISH);
            assertThat(browser.consoleErrors()).isEmpty();
        }
        try (var browser = new Browser("fr-FR", false)) {
            b.signIn(browser, f.city());
            browser.driver.get(base + "/#/insights");
            chooseChip(browser, "28");
            sameNumbers(browser, 28, Locale.FRENCH);
            var time = browser.find("#items li[data-item='" + deletedItem + "'] time").getText();
            assertThat(time).matches("(lun|mar|mer|jeu|ven|sam|dim)\\. \\d{1,2} [a-zéû]+\\.?,? \\d{2}:05");
            assertThat(browser.find("#ages").getText()).contains("18-24 ans", "Masqué (< 10)");
            assertThat(browser.find("#views-chart").getAttribute("aria-label")).startsWith("Vues par jour.");
            Thread.sleep(300);
            BrowserApp.checkScreen(browser, "insights-fr");
            browser.driver.executeScript("document.getElementById('stories-part').scrollIntoView()");
            browser.screenshots("insights-fr-stories");
        }
    }

    @Test
    void aResidentPlaysTheStoryWithTheKeyboardAndHearsWhereSheIs() throws Exception {
        var resident = b.name("kb");
        var token = b.person(resident);
        assertThat(http.put("subscriptions/" + f.city(), token).status()).isEqualTo(204);
        try (var browser = new Browser("en-US", false)) {
            b.signIn(browser, resident);
            browser.driver.get(base + "/#/stories");
            var ring = browser.find("#story-ring button[data-account='" + f.city() + "']");
            ring.click();
            browser.find(".viewer.story img.media");
            var keys = new Actions(browser.driver);
            keys.sendKeys(Keys.SPACE).perform();
            browser.wait.until(d -> "true".equals(d.findElement(By.id("story-pause")).getAttribute("aria-pressed")));
            assertThat(browser.find("#story-pause").getAttribute("aria-label")).isEqualTo("Play");
            assertThat(browser.find(".viewer.story img.media").getAttribute("alt")).isEqualTo(f.photoAlt());
            assertThat(position(browser)).isEqualTo("Item 1 of 3");

            keys.sendKeys(Keys.ARROW_RIGHT).perform();
            browser.wait.until(d -> "Item 2 of 3".equals(position(browser)));
            assertThat(browser.find(".viewer.story img.media").getAttribute("alt")).startsWith("Road works barriers");
            Thread.sleep(300);
            BrowserApp.checkScreen(browser, "story-viewer");

            keys.sendKeys(Keys.ARROW_RIGHT).perform();
            browser.wait.until(d -> "Item 3 of 3".equals(position(browser)));
            var video = browser.find(".viewer.story video.media");
            assertThat(video.getAttribute("aria-label")).isEqualTo(f.videoAlt());
            var track = video.findElement(By.cssSelector("track[kind=captions]"));
            assertThat(track.getAttribute("src")).contains("/captions?");
            assertThat(track.getAttribute("srclang")).isEqualTo("en");
            assertThat(http.fetch(track.getAttribute("src").substring(base.length()), Map.of()).body()).contains("Bienvenue au Capitole");

            keys.sendKeys(Keys.ARROW_LEFT).perform();
            browser.wait.until(d -> "Item 2 of 3".equals(position(browser)));
            // Tab goes round the viewer's controls, never behind it.
            for (int i = 0; i < 8; i++) {
                keys.sendKeys(Keys.TAB).perform();
                assertThat((Boolean) browser.driver.executeScript(
                        "return document.querySelector('.viewer').contains(document.activeElement)")).isTrue();
            }
            keys.sendKeys(Keys.ESCAPE).perform();
            browser.wait.until(d -> d.findElements(By.cssSelector(".viewer")).isEmpty());
            Thread.sleep(1500); // the ring is redrawn after the viewer closes: the focus must survive it
            assertThat((String) browser.driver.executeScript("return document.activeElement.dataset.account")).isEqualTo(f.city());
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("media") || e.contains("video"));
        }
    }

    private static String position(Browser browser) {
        return (String) browser.driver.executeScript("return document.getElementById('story-position')?.textContent");
    }

    private static void chooseChip(Browser browser, String value) {
        browser.click("#period label:has(#period-" + value + ") span");
    }

    private static Path downloaded(Browser browser, String table) throws Exception {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(p -> p.getFileName().toString().startsWith(f.city() + "-" + table + "-")
                    && p.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        }
    }

    /// The screen's numbers against the API's for `days`: overview, each item, each day.
    private static void sameNumbers(Browser browser, int days, Locale locale) {
        var path = "accounts/" + f.city() + "/insights/";
        var summary = http.get(path + "summary?days=" + days, f.cityToken()).json();
        var items = http.get(path + "stories?days=" + days, f.cityToken()).json();
        var daily = http.get(path + "daily?days=" + days, f.cityToken()).json();
        browser.wait.until(d -> d.findElements(By.cssSelector("#daily tbody tr")).size() == days
                && spaces(d.findElement(By.id("views")).getText()).equals(number(summary.get("views").asLong(), locale)));
        assertThat(spaces(browser.find("#unique").getText())).isEqualTo(number(summary.get("uniqueViewers").asLong(), locale));
        assertThat(spaces(browser.find("#subscribers").getText())).isEqualTo(number(summary.get("subscribers").asLong(), locale));
        assertThat(browser.find("#subscribers-gained").getText()).isEqualTo("+" + summary.get("subscribersGained").asLong());
        assertThat(browser.find("#subscribers-lost").getText()).isEqualTo("−" + summary.get("subscribersLost").asLong());
        assertThat(spaces(browser.find("#avg-watch").getText())).isEqualTo(seconds(summary.get("avgWatchMs"), locale));
        assertThat(spaces(browser.find("#completion").getText())).isEqualTo(percent(summary.get("completionRate"), locale));
        assertThat(spaces(browser.find("#push-followers").getText())).isEqualTo(number(summary.get("pushFollowers").asLong(), locale));

        assertThat(browser.driver.findElements(By.cssSelector("#items li[data-item]"))).hasSize(items.size());
        for (var item : items) {
            var card = browser.find("#items li[data-item='" + item.get("id").asText() + "']");
            assertThat(metric(card, "views")).isEqualTo(number(item.get("views").asLong(), locale));
            assertThat(metric(card, "unique")).isEqualTo(number(item.get("uniqueViewers").asLong(), locale));
            assertThat(metric(card, "avg-watch")).isEqualTo(seconds(item.get("avgWatchMs"), locale));
            assertThat(metric(card, "completion")).isEqualTo(percent(item.get("completionRate"), locale));
            assertThat(metric(card, "screenshots")).isEqualTo(number(item.get("screenshots").asLong(), locale));
            assertThat(metric(card, "replies")).isEqualTo(number(item.get("replies").asLong(), locale));
            assertThat(card.findElement(By.cssSelector("time")).getAttribute("datetime")).isEqualTo(item.get("postedAt").asText());
            if (!item.get("thumbnailUrl").isNull()) {
                assertThat(card.findElement(By.cssSelector("img")).getAttribute("src")).contains("/thumb");
            }
        }
        for (var day : daily) {
            var row = browser.driver.findElement(By.cssSelector("#daily tr[data-date='" + day.get("date").asText() + "']"));
            for (var cell : Map.of("views", "views", "unique", "uniqueViewers", "gained", "subscribersGained",
                    "lost", "subscribersLost").entrySet()) {
                assertThat(spaces(row.findElement(By.cssSelector("td[data-metric=" + cell.getKey() + "]")).getAttribute("textContent")))
                        .as(day + " " + cell.getKey()).isEqualTo(number(day.get(cell.getValue()).asLong(), locale));
            }
        }
    }

    private static String metric(WebElement card, String name) {
        return spaces(card.findElement(By.cssSelector("dd[data-metric='" + name + "']")).getText());
    }

    /// Intl separates groups, units and percent signs by no-break spaces (narrow or not, by ICU
    /// version): compared as plain spaces.
    private static String spaces(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static String number(long n, Locale locale) {
        return locale == Locale.FRENCH ? String.format(Locale.ROOT, "%,d", n).replace(",", " ") : String.format(Locale.ROOT, "%,d", n);
    }

    /// As Intl.NumberFormat writes a duration in seconds with at most one decimal.
    private static String seconds(JsonNode ms, Locale locale) {
        if (ms.isNull()) return "–";
        var format = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(locale == Locale.FRENCH ? Locale.FRANCE : Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        var value = format.format(ms.asLong() / 1000.0);
        return locale == Locale.FRENCH ? value + " s" : value + " sec";
    }

    private static String percent(JsonNode rate, Locale locale) {
        if (rate.isNull()) return "–";
        var value = Math.round(rate.asDouble() * 100);
        return locale == Locale.FRENCH ? value + " %" : value + "%";
    }
}
