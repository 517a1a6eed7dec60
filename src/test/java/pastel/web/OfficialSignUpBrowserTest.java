package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import pastel.support.Http;

/// Official accounts in the web client: a city hall signs up from the form (the rules shown before
/// sending, refusals at their fields, 18+ for an official account) and edits its details from the
/// profile; a resident finds it in Discover, opens its in-app profile, subscribes and unsubscribes;
/// a visitor's "subscribe" on the public page is completed after sign-up and counted by source.
class OfficialSignUpBrowserTest {
    static BrowserApp b;
    static Http http;

    @BeforeAll
    static void start() {
        b = BrowserApp.start();
        http = b.http;
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    private static void setDate(Browser browser, String css, LocalDate date) {
        // The date input's typing order depends on the browser's locale; its value does not.
        browser.driver.executeScript("const i = document.querySelector(arguments[0]); i.value = arguments[1];"
                + " i.dispatchEvent(new Event('input', {bubbles: true}));", css, date.toString());
    }

    @Test
    void aCityHallSignsUpFromTheFormAndEditsItsProfile() throws Exception {
        var name = b.name("mairie");
        try (var browser = new Browser("en-US", false)) {
            browser.driver.get(b.base + "/#/signup");
            // The rules are on screen before anything is sent, tied to their inputs.
            assertThat(browser.find("#f-username-hint").getText()).contains("3 to 30", "a-z");
            assertThat(browser.find("#f-password-hint").getText()).contains("10");
            assertThat(browser.find("#f-username").getAttribute("aria-describedby")).contains("f-username-hint");
            assertThat(browser.driver.findElement(By.cssSelector("#official-fields")).isDisplayed()).isFalse();
            BrowserApp.checkScreen(browser, "signup-en");

            browser.click("input[name=kind][value=public]");
            assertThat(browser.find("#official-fields").isDisplayed()).isTrue();
            assertThat(browser.find("#f-birthDate-hint").getText()).contains("18");
            assertThat(browser.find("#f-category").getText()).contains("City", "Business", "Association", "Media", "Creator");
            browser.type("#f-username", "Mairie d'Albi");
            browser.type("#f-displayName", "Mairie d'Albi");
            setDate(browser, "#f-birthDate", LocalDate.now().minusYears(17));
            new org.openqa.selenium.support.ui.Select(browser.find("#f-category")).selectByValue("city");
            browser.type("#f-city", "Albi");
            browser.type("#f-bio", "La ville d'Albi : sorties, travaux, fêtes.");
            browser.type("#f-website", "https://www.mairie-albi.fr");
            browser.type("#f-password", BrowserApp.PASSWORD);
            browser.click("form button[type=submit]");
            // Each refusal is written under its field, the field marked invalid.
            browser.waitForText("#f-username-error", "3 to 30");
            assertThat(browser.find("#f-birthDate-error").getText()).contains("18");
            assertThat(browser.find("#f-birthDate").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#f-username").getAttribute("aria-describedby")).contains("f-username-error");
            assertThat(browser.driver.findElement(By.cssSelector("#f-password-error")).getText()).isEmpty();
            BrowserApp.checkScreen(browser, "signup-official-errors-en");

            browser.find("#f-username").clear();
            browser.type("#f-username", name);
            setDate(browser, "#f-birthDate", LocalDate.of(1975, 4, 2));
            browser.click("form button[type=submit]");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("#/camera"));
            var created = http.get("accounts/" + name, null).json();
            assertThat(created.get("kind").asText()).isEqualTo("public");
            assertThat(created.get("category").asText()).isEqualTo("city");
            assertThat(created.get("city").asText()).isEqualTo("Albi");
            assertThat(created.get("bio").asText()).startsWith("La ville d'Albi");
            assertThat(created.get("website").asText()).isEqualTo("https://www.mairie-albi.fr");

            // The profile edits the official details; a bad website is refused at its field.
            browser.driver.get(b.base + "/#/profile");
            browser.find("#official-form");
            assertThat(browser.find("#f-city").getAttribute("value")).isEqualTo("Albi");
            browser.find("#f-bio").clear();
            browser.type("#f-bio", "Toute l'actualité de la ville.");
            browser.find("#f-website").clear();
            browser.type("#f-website", "javascript:alert(1)");
            browser.click("#official-form button[type=submit]");
            browser.waitForText("#f-website-error", "http");
            assertThat(http.get("accounts/" + name, null).json().get("bio").asText()).startsWith("La ville d'Albi");
            browser.find("#f-website").clear();
            browser.type("#f-website", "https://albi.fr/agenda");
            new org.openqa.selenium.support.ui.Select(browser.find("#f-category")).selectByValue("association");
            browser.click("#official-form button[type=submit]");
            browser.waitForText("#toast", "Saved");
            var edited = http.get("accounts/" + name, null).json();
            assertThat(edited.get("bio").asText()).isEqualTo("Toute l'actualité de la ville.");
            assertThat(edited.get("website").asText()).isEqualTo("https://albi.fr/agenda");
            assertThat(edited.get("category").asText()).isEqualTo("association");
            assertThat(browser.driver.findElement(By.cssSelector("#f-website-error")).getText()).isEmpty();
            BrowserApp.checkScreen(browser, "profile-official");
            // The browser logs the refusals the test asked for (400); nothing else.
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("status of 400"));
        }
        try (var browser = new Browser("fr-FR", false)) {
            browser.driver.get(b.base + "/#/signup");
            browser.click("input[name=kind][value=public]");
            assertThat(browser.find("#f-username-hint").getText()).contains("3 à 30");
            assertThat(browser.find("#f-birthDate-hint").getText()).contains("18 ans");
            assertThat(browser.find("#f-category").getText()).contains("Ville", "Commerce");
            BrowserApp.checkScreen(browser, "signup-official-fr");
        }
    }

    @Test
    void aResidentOpensTheCityFromDiscoverAndSubscribesThenUnsubscribes() throws Exception {
        var f = PublicPageFixture.create(http);
        var resident = b.name("resident");
        b.person(resident);
        try (var browser = new Browser("en-US", false)) {
            b.signIn(browser, resident);
            browser.click("#tabs a[data-tab=discover]");
            browser.type("#f-q", f.city());
            browser.find("#f-q").sendKeys(Keys.ENTER);
            var row = "#found li[data-account='" + f.city() + "']";
            browser.waitForText(row, "La ville rose");
            assertThat(browser.find(row).getText()).contains("City · Toulouse", "3 subscribers");
            assertThat(browser.find(row + " button").getText()).isEqualTo("Subscribe");
            BrowserApp.checkScreen(browser, "discover-official");

            // The row opens the in-app profile, not the public page.
            browser.click(row + " a.row-main");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("#/u/" + f.city()));
            browser.find("#account-name");
            assertThat(browser.find("#account-facts").getText()).isEqualTo("City · Toulouse");
            assertThat(browser.find("#account-bio").getText()).startsWith("La ville rose");
            assertThat(browser.find("#subscriber-count").getText()).isEqualTo("3 subscribers");
            assertThat(browser.driver.findElements(By.cssSelector("#highlights img"))).hasSize(1);
            assertThat(browser.find("#public-page").getAttribute("href")).endsWith("/@" + f.city());
            assertThat(browser.driver.findElements(By.cssSelector("section#community"))).hasSize(1);
            BrowserApp.checkScreen(browser, "account-profile");

            browser.click("#subscribe");
            browser.waitForText("#subscriber-count", "4 subscribers");
            assertThat(browser.find("#subscribe").getText()).isEqualTo("Unsubscribe");
            assertThat(http.get("accounts/" + f.city(), null).json().get("subscriberCount").asLong()).isEqualTo(4);
            browser.click("#subscribe");
            browser.waitForText("#subscriber-count", "3 subscribers");
            browser.waitForText("#subscribe", "Subscribe");
            assertThat(http.get("accounts/" + f.city(), null).json().get("subscriberCount").asLong()).isEqualTo(3);

            // Its story opens in the story viewer.
            browser.click("#watch-story");
            browser.find(".viewer.story");
            browser.driver.findElement(By.cssSelector("#story-close")).click();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aVisitorsSubscribeOnThePublicPageIsCompletedAfterSignUpAndCountedByItsCampaign() throws Exception {
        var f = PublicPageFixture.create(http);
        var visitor = b.name("visitor");
        try (var browser = new Browser("en-US", false)) {
            browser.driver.get(b.base + "/@" + f.city() + "?campaign=bus-7");
            // The header's subscribe button, there from the start (not only at the end of the story).
            browser.click("header.account button.subscribe");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("/#/signup"));
            browser.type("#f-username", visitor);
            browser.type("#f-displayName", "Visitor");
            setDate(browser, "#f-birthDate", LocalDate.of(2001, 5, 6));
            browser.type("#f-password", BrowserApp.PASSWORD);
            browser.click("form button[type=submit]");
            browser.wait.until(d -> d.getCurrentUrl().endsWith("#/u/" + f.city()));
            browser.waitForText("#toast", "Subscribed to Toulouse");
            browser.waitForText("#subscribe", "Unsubscribe");
            assertThat(browser.find("#subscriber-count").getText()).isEqualTo("4 subscribers");
            assertThat(browser.driver.executeScript("return localStorage.getItem('pastel.intent')")).isNull();
            var sources = http.get("accounts/" + f.city() + "/insights/sources?days=1", f.cityToken()).json();
            assertThat(sources.toString()).contains("\"source\":\"qr\",\"campaign\":\"bus-7\",\"subscriptions\":1");
            assertThat(browser.consoleErrors()).isEmpty();
        }
        var subscriptions = http.get("subscriptions", b.token(visitor)).json();
        assertThat(subscriptions.findValuesAsText("username")).containsExactly(f.city());
    }
}
