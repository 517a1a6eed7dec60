package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pastel.support.Http;
import pastel.support.TestMedia;

/// Issue 14's team side in Chromium: the official account's inbox answered by a manager (the
/// resident sees the answer live, the audit trail names the manager), and the community story
/// from a resident's submission to the team's approval, the resident told, a ring in Stories and
/// the item on the public page.
class OfficialInboxBrowserTest {
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

    private static void french(Browser browser, String route) {
        browser.driver.executeScript("localStorage.setItem('pastel.lang', 'fr')");
        browser.driver.get(b.base + "/" + route);
        browser.driver.navigate().refresh();
    }

    @Test
    void aManagerAnswersAReplyFromTheAccountsInboxAndTheResidentSeesItLive() throws Exception {
        var city = b.name("ville");
        var cityToken = b.city(city, "Toulouse");
        var manager = b.name("agent");
        b.person(manager);
        var resident = b.name("lea");
        var residentToken = b.person(resident);
        b.grantManager(city, cityToken, manager);
        var media = http.upload(cityToken, TestMedia.noisyJpeg(360, 640), "image/jpeg").json().get("id").asText();
        var item = http.post("stories", cityToken, Map.of("mediaId", media, "caption", "Marché de Noël", "alt",
                "Wooden stalls lit at dusk on the Capitole square")).json().get("id").asText();
        assertThat(http.post("stories/" + item + "/replies", residentToken, Map.of("text", "Il ouvre quand, le marché ?"))
                .status()).isEqualTo(201);

        try (var agent = new Browser("en-US", false); var lea = new Browser("en-US", false)) {
            b.signIn(agent, manager);
            b.signIn(lea, resident);
            lea.driver.get(b.base + "/#/chat/" + city);
            lea.waitForText("#messages", "Il ouvre quand");

            // The profile says what waits in the city's inbox.
            agent.click("#tabs a[data-tab=profile]");
            var link = agent.find("a[data-inbox='" + city + "']");
            assertThat(link.findElement(By.cssSelector(".badge")).getText()).isEqualTo("1");
            agent.click("a[data-inbox='" + city + "']");
            agent.waitForText("#team-chats li[data-chat='" + resident + "']", "1 unread");
            BrowserApp.checkScreen(agent, "team-inbox-en");

            agent.click("#team-chats li[data-chat='" + resident + "'] a");
            agent.waitForText("#acting-as", "You answer as Ville " + city);
            agent.waitForText("#messages", "Il ouvre quand");
            agent.type("#f-message", "Dès le 28 novembre, de 10 h à 20 h !");
            agent.click("#compose button[type=submit]");
            agent.waitForText("#messages .bubble.mine", "Dès le 28 novembre");
            BrowserApp.checkScreen(agent, "team-conversation-en");

            // Léa, on her conversation with the city, gets the answer live, from the city.
            lea.waitForText("#messages .bubble.theirs:last-child", "Dès le 28 novembre");
            // Her thanks reach the manager's open conversation live too.
            lea.type("#f-message", "Merci !");
            lea.click("#compose button[type=submit]");
            agent.waitForText("#messages .bubble.theirs:last-child", "Merci !");

            var audit = http.get("accounts/" + city + "/audit", cityToken).json();
            assertThat(audit.get(0).get("action").asText()).isEqualTo("chat.send");
            assertThat(audit.get(0).get("actor").asText()).isEqualTo(manager);
            assertThat(audit.get(0).get("target").asText()).isEqualTo(resident);

            french(agent, "#/official/inbox");
            agent.waitForText("#team-chats li[data-chat='" + resident + "']", resident);
            agent.waitForText("main h1", "Messagerie");
            BrowserApp.checkScreen(agent, "team-inbox-fr");
            assertThat(agent.consoleErrors()).isEmpty();
            assertThat(lea.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aResidentSubmitsFromTheCitysProfileTheManagerApprovesAndItIsARingAndOnThePublicPage() throws Exception {
        var city = b.name("cite");
        var cityToken = b.city(city, "Albi");
        var manager = b.name("equipe");
        b.person(manager);
        var resident = b.name("hugo");
        var residentToken = b.person(resident);
        var neighbour = b.name("ines");
        var neighbourToken = b.person(neighbour);
        b.grantManager(city, cityToken, manager);
        for (var token : new String[] {residentToken, neighbourToken}) {
            assertThat(http.send("PUT", "subscriptions/" + city, token, null).status()).isEqualTo(204);
        }
        var alt = "The Tarn at sunset seen from the old bridge";
        var photo = java.nio.file.Files.createTempFile("pastel-community-", ".jpg");
        java.nio.file.Files.write(photo, TestMedia.noisyJpeg(360, 640));
        try (var hugo = new Browser("en-US", false); var team = new Browser("fr-FR", false);
             var ines = new Browser("fr-FR", false)) {
            b.signIn(hugo, resident);
            b.signIn(team, manager);
            b.signIn(ines, neighbour);

            // Hugo submits from the city's profile in the app, with a description of his photo.
            hugo.driver.get(b.base + "/#/u/" + city);
            hugo.find("#community #community-title");
            BrowserApp.checkScreen(hugo, "account-community-en");
            hugo.click("#community summary");
            hugo.driver.findElement(By.id("f-community-file")).sendKeys(photo.toAbsolutePath().toString());
            hugo.type("#f-community-caption", "Coucher de soleil");
            hugo.type("#f-community-alt", alt);
            hugo.click("#community-send");
            hugo.waitForText("#toast", "will review it");

            // The manager approves it from the app, its description already there.
            team.driver.get(b.base + "/#/official");
            team.waitForText("#submissions", "Coucher de soleil");
            assertThat(team.find("#submissions textarea.alt-edit").getAttribute("value")).isEqualTo(alt);
            BrowserApp.checkScreen(team, "official-community-fr");
            team.click("#submissions li .approve");
            team.waitForText("#submissions", "Rien en attente.");

            // Hugo is told at once; the ring shows in his Stories next to the city.
            hugo.waitForText("#toast", "is in the story of @" + city);
            hugo.click("#tabs a[data-tab=stories]");
            hugo.find("#story-ring button[data-community='" + city + "'] .ring-pic.community.unseen");
            BrowserApp.checkScreen(hugo, "community-ring-en");
            hugo.click("#story-ring button[data-community='" + city + "']");
            var picture = hugo.find(".viewer.story img.media");
            assertThat(picture.getAttribute("alt")).isEqualTo(alt);
            hugo.waitForText(".viewer.story .viewer-head", "by @" + resident);
            hugo.waitForText(".viewer.story .viewer-head", "Our story");
            BrowserApp.checkScreen(hugo, "community-viewer-en");
            hugo.click("#story-close");

            // Inès (French) sees the ring and the viewer credited in French.
            ines.click("#tabs a[data-tab=stories]");
            ines.waitForText("#story-ring", "Ville " + city);
            ines.find("#story-ring button[data-community='" + city + "']");
            BrowserApp.checkScreen(ines, "community-ring-fr");
            ines.click("#story-ring button[data-community='" + city + "']");
            ines.waitForText(".viewer.story .viewer-head", "par @" + resident);
            BrowserApp.checkScreen(ines, "community-viewer-fr");

            // On the public page, for anyone, with its text alternative.
            var page = http.send("GET", "/@" + city, null, null, Map.of("Accept", "text/html", "Accept-Language", "en"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("alt=\"" + alt + "\"");
            for (var browser : new Browser[] {hugo, team, ines}) assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            java.nio.file.Files.deleteIfExists(photo);
        }
    }
}
