package pastel.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestConfig;
import pastel.support.TestMedia;
import pastel.support.WsClient;

/// Issue 14's team side on both databases: a manager reads an official inbox live and answers as
/// the account (the audit trail says who); a community story shows as its own entry in the feed,
/// with its text alternatives; snaps and submissions carry an optional `alt` (too long: 400 on
/// `alt`), edited by the submitter or the team, and approving requires one when the operator does.
class OfficialInboxAndCommunityHttpTest extends ServerTest {

    @Test
    void aManagerSeesAReplyToTheAccountLiveAndTheAnswerIsInTheAuditTrail() throws Exception {
        var city = official("inboxcity", "city", "Toulouse");
        var manager = person("inboxcm");
        var resident = person("inboxresident");
        assertThat(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(),
                Map.of("role", "manager")).status()).isEqualTo(204);
        var item = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "alt", "The square")).json().get("id").asText();
        try (var managerSocket = WsClient.connect(app.port(), manager.token(), true);
             var residentSocket = WsClient.connect(app.port(), resident.token(), true)) {
            awaitConnected(manager, resident);
            assertThat(http.post("stories/" + item + "/replies", resident.token(), Map.of("text", "Where is the market?")).status())
                    .isEqualTo(201);
            var copy = managerSocket.await("chat.message", Duration.ofSeconds(5));
            assertThat(copy.get("account").asText()).isEqualTo(city.username());
            assertThat(copy.get("from").asText()).isEqualTo(resident.username());
            assertThat(copy.get("text").asText()).isEqualTo("Where is the market?");
            var inbox = http.get("chats?account=" + city.username(), manager.token()).json();
            assertThat(inbox.get(0).get("unread").asLong()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(5));
            var answer = http.post("chats/" + resident.username() + "/messages?account=" + city.username(), manager.token(),
                    Map.of("text", "Saturday morning, Place du Capitole"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            var received = residentSocket.await("chat.message", Duration.ofSeconds(5));
            assertThat(received.get("from").asText()).isEqualTo(city.username());
            assertThat(received.get("account").isNull()).isTrue();
        }
        var audit = http.get("accounts/" + city.username() + "/audit", city.token()).json();
        assertThat(audit.get(0).get("action").asText()).isEqualTo("chat.send");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo(manager.username());
        assertThat(audit.get(0).get("target").asText()).isEqualTo(resident.username());
        assertThat(http.post("chats/" + city.username() + "/read?account=" + city.username(), resident.token(), null).status())
                .isEqualTo(403);
    }

    @Test
    void anApprovedSubmissionIsACommunityRingInTheFeedWithItsTextAlternativeEditableByItsSubmitter() {
        var city = official("ringcity", "city", "Albi");
        var resident = person("ringresident");
        var subscriber = person("ringsubscriber");
        assertThat(http.send("PUT", "subscriptions/" + city.username(), subscriber.token(), null).status()).isEqualTo(204);

        var tooLong = http.post("accounts/" + city.username() + "/community/submissions", resident.token(),
                Map.of("mediaId", uploadPhoto(resident), "alt", "x".repeat(1501)));
        assertProblem(tooLong, 400);
        assertThat(tooLong.json().at("/errors/0/field").asText()).isEqualTo("alt");

        var submitted = http.post("accounts/" + city.username() + "/community/submissions", resident.token(),
                Map.of("mediaId", uploadPhoto(resident), "caption", "Sunset", "alt", "The Tarn at sunset"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.json().get("alt").asText()).isEqualTo("The Tarn at sunset");
        var id = submitted.json().get("id").asText();
        var path = "accounts/" + city.username() + "/community/submissions/" + id;

        var edited = http.patch(path, resident.token(), Map.of("alt", "The Tarn river at sunset, the bridge lit"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(http.patch(path, subscriber.token(), Map.of("alt", "not mine")).status()).isEqualTo(404);
        assertThat(http.get(path.substring(0, path.lastIndexOf('/')), city.token()).json().get(0).get("alt").asText())
                .isEqualTo("The Tarn river at sunset, the bridge lit");
        var feedBefore = http.get("stories/feed", subscriber.token()).json();
        assertThat(feedBefore.findValuesAsText("account")).doesNotContain(city.username());

        assertThat(http.post(path + "/approve", city.token(), null).status()).isEqualTo(204);
        var entry = entryOf(http.get("stories/feed", subscriber.token()).json(), city.username());
        assertThat(entry.get("items").size()).isZero();
        assertThat(entry.get("community").get("count").asInt()).isEqualTo(1);
        assertThat(entry.get("community").get("allSeen").asBoolean()).isFalse();

        var community = http.get("accounts/" + city.username() + "/community", subscriber.token()).json();
        assertThat(community.get(0).get("credit").asText()).isEqualTo(resident.username());
        assertThat(community.get(0).get("alt").asText()).isEqualTo("The Tarn river at sunset, the bridge lit");
        assertThat(http.patch(path, city.token(), Map.of("alt", "The bridge over the Tarn")).status()).isEqualTo(200);
        assertThat(http.get("accounts/" + city.username() + "/community", null).json().get(0).get("alt").asText())
                .isEqualTo("The bridge over the Tarn");
        assertThat(http.get("accounts/" + city.username() + "/audit", city.token()).json().findValuesAsText("action"))
                .contains("submission.approve");

        // The city posts its own story too: one entry, its items and the community count side by side.
        http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "alt", "Town hall"));
        entry = entryOf(http.get("stories/feed", subscriber.token()).json(), city.username());
        assertThat(entry.get("items").size()).isEqualTo(1);
        assertThat(entry.get("community").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aSnapsTextAlternativeReachesItsRecipientOnOpening() {
        var ana = person("altsnapper");
        var ben = person("altreceiver");
        befriend(ana, ben);
        var tooLong = http.post("snaps", ana.token(), Map.of("mediaId", uploadPhoto(ana), "to", java.util.List.of(ben.username()),
                "viewSeconds", 5, "alt", "y".repeat(1501)));
        assertProblem(tooLong, 400);
        assertThat(tooLong.json().at("/errors/0/field").asText()).isEqualTo("alt");
        var sent = http.post("snaps", ana.token(), Map.of("mediaId", uploadPhoto(ana), "to", java.util.List.of(ben.username()),
                "viewSeconds", 5, "alt", "My cat asleep on the keyboard"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var snapId = sent.json().get("id").asText();
        var opened = http.post("snaps/" + snapId + "/open", ben.token(), null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.json().get("alt").asText()).isEqualTo("My cat asleep on the keyboard");
        var plain = http.post("snaps", ana.token(), Map.of("mediaId", uploadPhoto(ana), "to", java.util.List.of(ben.username()),
                "viewSeconds", 5));
        assertThat(http.post("snaps/" + plain.json().get("id").asText() + "/open", ben.token(), null).json().get("alt").isNull()).isTrue();
    }

    @Test
    void approvingIntoAnOfficialStoryNeedsATextAlternativeWhenTheOperatorRequiresThem() throws Exception {
        var opened = databaseKind.open();
        try (var strict = App.start(TestConfig.of(opened.dataDir(), "PASTEL_REQUIRE_ALT", "true"), clock, opened.database())) {
            var http = new Http(strict.port());
            var city = signUpOn(http, "strictring", true);
            var resident = signUpOn(http, "strictresident", false);
            var submitted = http.post("accounts/" + city[0] + "/community/submissions", resident[1],
                    Map.of("mediaId", upload(http, resident[1]), "caption", "no description"));
            assertThat(submitted.status()).as("a resident's submission may come without one").isEqualTo(201);
            var path = "accounts/" + city[0] + "/community/submissions/" + submitted.json().get("id").asText();
            var refused = http.post(path + "/approve", city[1], null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("alt");
            assertThat(http.get("accounts/" + city[0] + "/community", null).json().size()).isZero();
            assertThat(http.post(path + "/approve", city[1], Map.of("alt", "Children at the carnival")).status()).isEqualTo(204);
            var shown = http.get("accounts/" + city[0] + "/community", null).json();
            assertThat(shown.get(0).get("alt").asText()).isEqualTo("Children at the carnival");
            assertThat(http.patch(path, resident[1], Map.of("alt", "")).status()).as("an approved item keeps one").isEqualTo(400);
        } finally {
            opened.cleanup().run();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode entryOf(com.fasterxml.jackson.databind.JsonNode feed, String account) {
        for (var entry : feed) if (entry.get("account").asText().equals(account)) return entry;
        throw new AssertionError("no feed entry for " + account + ": " + feed);
    }

    private static String[] signUpOn(Http http, String prefix, boolean official) {
        var form = new LinkedHashMap<String, Object>(Map.of("username", uniqueName(prefix), "password", PASSWORD,
                "displayName", prefix, "birthDate", bornYearsAgo(30).toString()));
        if (official) form.putAll(Map.of("kind", "public", "category", "city", "city", "Pau"));
        assertThat(http.post("accounts", null, form).status()).isEqualTo(201);
        var token = http.post("sessions", null, Map.of("username", form.get("username"), "password", PASSWORD)).json().get("token").asText();
        return new String[] {(String) form.get("username"), token};
    }

    private static String upload(Http http, String token) throws java.io.IOException {
        return http.upload(token, TestMedia.noisyJpeg(48, 64), "image/jpeg").json().get("id").asText();
    }
}
