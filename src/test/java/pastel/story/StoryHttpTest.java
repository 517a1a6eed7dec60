package pastel.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

@pastel.support.BlobsOnS3
class StoryHttpTest extends ServerTest {

    private static String post(User who, Map<String, Object> extra) {
        var form = new java.util.HashMap<String, Object>(extra);
        form.put("mediaId", uploadPhoto(who));
        var posted = http.post("stories", who.token(), form);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    private static void view(User viewer, String itemId, long watchedMs, boolean completed) {
        var response = http.post("stories/" + itemId + "/views", viewer == null ? null : viewer.token(),
                Map.of("watchedMs", watchedMs, "completed", completed));
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    @Test
    void aFriendsStoryIsForFriendsOnly() {
        var ana = person("ana");
        var friend = person("friend");
        var stranger = person("stranger");
        befriend(ana, friend);
        var id = post(ana, Map.of("caption", "sunset"));

        var seen = http.get("accounts/" + ana.username() + "/stories", friend.token());
        assertThat(seen.json()).hasSize(1);
        assertThat(seen.json().get(0).get("id").asText()).isEqualTo(id);
        assertThat(seen.json().get(0).get("audience").asText()).isEqualTo("friends");
        assertThat(http.fetchBytes(seen.json().get(0).get("mediaUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(http.get("accounts/" + ana.username() + "/stories", stranger.token()).json()).isEmpty();
        assertThat(http.get("accounts/" + ana.username() + "/stories", null).json()).isEmpty();
        assertProblem(http.post("stories/" + id + "/views", stranger.token(), Map.of("watchedMs", 10)), 404);
    }

    @Test
    void underEighteensCannotPostPublicStories() {
        var teen = personAged("teen", 16);
        var form = Map.<String, Object>of("mediaId", uploadPhoto(teen), "audience", "public");
        assertProblem(http.post("stories", teen.token(), form), 403);
        // A public account of a 16-year-old cannot exist (PRODUCT.md: public accounts need 18+).
        assertProblem(http.post("accounts", null, Map.of("username", uniqueName("youngpub"), "password", PASSWORD, "displayName", "Y",
                "birthDate", bornYearsAgo(16).toString(), "kind", "public", "category", "creator", "city", "Albi")), 400);
        // Friends-only is fine for a 16-year-old.
        assertThat(http.post("stories", teen.token(), Map.of("mediaId", uploadPhoto(teen))).status()).isEqualTo(201);
    }

    @Test
    void anItemIsGoneRowFilesAndUrlAfter24Hours() throws Exception {
        var ana = person("ephemeral");
        var friend = person("watcher");
        befriend(ana, friend);
        var mediaId = uploadPhoto(ana);
        var posted = http.post("stories", ana.token(), Map.of("mediaId", mediaId));
        var id = posted.json().get("id").asText();
        var url = http.get("accounts/" + ana.username() + "/stories", friend.token()).json().get(0).get("mediaUrl").asText();
        assertThat(blobExists(mediaId)).isTrue();

        clock.advance(Duration.ofHours(24));
        assertThat(http.get("accounts/" + ana.username() + "/stories", friend.token()).json()).isEmpty();
        assertThat(http.fetchBytes(url).statusCode()).isIn(404, 410);
        clock.advance(Duration.ofSeconds(30));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM story_item WHERE id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", mediaId)).isZero();
        assertThat(blobExists(mediaId)).isFalse();
        assertThat(blobExists(mediaId + ".thumb")).isFalse();
    }

    @Test
    void aRepeatViewAddsToViewsButNeverToViewersAndPersonalOwnersSeeThem() {
        var ana = person("owner");
        var ben = person("ben");
        var cat = person("cat");
        befriend(ana, ben);
        befriend(ana, cat);
        var id = post(ana, Map.of());
        view(ben, id, 1200, false);
        view(ben, id, 4000, true);
        view(ben, id, 800, false);
        view(cat, id, 500, false);
        view(ana, id, 100, false); // the owner's own looks do not count

        assertThat(count("SELECT views FROM story_item WHERE id = ?", id)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM story_view WHERE item_id = ?", id)).isEqualTo(2);
        var viewers = http.get("stories/" + id + "/viewers", ana.token());
        assertThat(viewers.status()).isEqualTo(200);
        assertThat(viewers.json().findValuesAsText("username")).containsExactlyInAnyOrder(ben.username(), cat.username());
        var benRecord = viewers.json().get(viewers.json().get(0).get("username").asText().equals(ben.username()) ? 0 : 1);
        assertThat(benRecord.get("longestWatchMs").asLong()).isEqualTo(4000);
        assertThat(benRecord.get("completed").asBoolean()).isTrue();
        assertProblem(http.get("stories/" + id + "/viewers", ben.token()), 404);
    }

    @Test
    void officialAccountsNeverSeeIndividualViewers() {
        var city = official("ville", "city", "Albi");
        var fan = person("fan");
        http.put("subscriptions/" + city.username(), fan.token());
        var id = post(city, Map.of());
        view(fan, id, 3000, true);
        assertProblem(http.get("stories/" + id + "/viewers", city.token()), 403);
    }

    @Test
    void thePublicPageWorksWithoutSessionAndShowsOnlyPublicItems() {
        var city = official("capitole", "city", "Toulouse");
        http.patch("me", city.token(), Map.of("bio", "La ville <rose>"));
        var publicId = post(city, Map.of("caption", "Fête de la musique"));
        var person = person("perso");
        var privateId = post(person, Map.of("caption", "only friends"));

        var page = http.get("/@" + city.username(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("<meta property=\"og:title\" content=\"capitole (@" + city.username() + ")\">")
                .contains("property=\"og:url\"").contains("property=\"og:image\"").contains("property=\"og:description\" content=\"La ville &lt;rose&gt;\"")
                .contains("data-id=\"" + publicId + "\"").contains("Fête de la musique")
                .contains("/assets/story-player.js");
        assertThat(http.fetchBytes("/@" + city.username() + "/cover.jpg").statusCode()).isEqualTo(200);
        assertThat(http.fetchBytes("/assets/story-player.js").statusCode()).isEqualTo(200);

        var personal = http.get("/@" + person.username(), null);
        assertThat(personal.status()).isEqualTo(200);
        assertThat(personal.body()).doesNotContain(privateId).doesNotContain("only friends").doesNotContain("og:image");
        assertProblem(http.get("/@nobody_here_at_all", null), 404);

        // An anonymous view from the page counts in views, not in viewers.
        view(null, publicId, 5000, true);
        assertThat(count("SELECT views FROM story_item WHERE id = ?", publicId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM story_view WHERE item_id = ?", publicId)).isZero();
        assertProblem(http.post("stories/" + privateId + "/views", null, Map.of("watchedMs", 1)), 404);
    }

    @Test
    void theFeedListsFriendsAndSubscriptionsUnseenFirstThenNewest() {
        var me = person("reader");
        var older = person("older");
        var newer = person("newer");
        var city = official("feedcity", "city", "Lyon");
        var stranger = person("notfollowed");
        befriend(me, older);
        befriend(me, newer);
        http.put("subscriptions/" + city.username(), me.token());
        var olderItem = post(older, Map.of());
        clock.advance(Duration.ofMinutes(1));
        post(newer, Map.of());
        clock.advance(Duration.ofMinutes(1));
        post(city, Map.of());
        post(stranger, Map.of());
        view(me, olderItem, 1000, true);

        var feed = http.get("stories/feed", me.token()).json();
        assertThat(feed.findValuesAsText("account")).containsExactly(city.username(), newer.username(), older.username());
        assertThat(feed.get(2).get("allSeen").asBoolean()).isTrue();
        assertThat(feed.get(2).get("items").get(0).get("seen").asBoolean()).isTrue();
        assertThat(feed.get(0).get("items").get(0).get("seen").asBoolean()).isFalse();
    }

    /// The feed is served from a cache between changes: each change must show on the next read.
    @Test
    void aFeedAlreadyReadShowsEveryChangeOnTheNextRead() {
        var me = person("cachedreader");
        var friend = person("cachedfriend");
        var city = official("cachedcity", "city", "Nice");
        befriend(me, friend);
        assertThat(feed(me)).isEmpty();

        var first = post(friend, Map.of());
        assertThat(feed(me).findValuesAsText("account")).containsExactly(friend.username());
        view(me, first, 500, false);
        assertThat(feed(me).get(0).get("items").get(0).get("seen").asBoolean()).isTrue();

        post(city, Map.of());
        assertThat(feed(me).findValuesAsText("account")).containsExactly(friend.username());
        http.put("subscriptions/" + city.username(), me.token());
        assertThat(feed(me).findValuesAsText("account")).containsExactly(city.username(), friend.username());
        var renamed = http.patch("me", city.token(), Map.of("displayName", "Nice la belle"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(feed(me).get(0).get("displayName").asText()).isEqualTo("Nice la belle");
        http.delete("subscriptions/" + city.username(), me.token());
        assertThat(feed(me).findValuesAsText("account")).containsExactly(friend.username());

        clock.advance(Duration.ofHours(1));
        var second = post(friend, Map.of());
        assertThat(feed(me).get(0).get("allSeen").asBoolean()).isFalse();
        assertThat(http.delete("stories/" + second, friend.token()).status()).isEqualTo(204);
        assertThat(feed(me).get(0).get("allSeen").asBoolean()).isTrue();

        clock.advance(Duration.ofHours(23));
        assertThat(feed(me)).as("the first item's 24 hours are over").isEmpty();
        post(friend, Map.of());
        assertThat(feed(me)).hasSize(1);
        assertThat(http.delete("friends/" + friend.username(), me.token()).status()).isEqualTo(204);
        assertThat(feed(me)).isEmpty();
    }

    /// Two nodes on one PostgreSQL database: a change made through one shows through the other
    /// at once (the event bus), not after the caches' 5 s (feeds) or 2 s (sessions) bounds.
    @Test
    void aSecondNodeHearsOfChangesAtOnce() {
        org.junit.jupiter.api.Assumptions.assumeTrue(opened.schema() != null, "nodes share events through PostgreSQL");
        var me = person("twonodes");
        var city = official("twonodescity", "city", "Pau");
        post(city, Map.of());
        var database = pastel.db.Database.connect(pastel.support.TestDatabase.POSTGRES_URL, opened.dataDir(), opened.schema());
        var config = pastel.support.TestConfig.of(opened.dataDir());
        try (var node2 = pastel.App.start(config, clock, database)) {
            var other = new pastel.support.Http(node2.port());
            assertThat(feed(me)).isEmpty(); // now cached on node 1
            assertThat(other.put("subscriptions/" + city.username(), me.token()).status()).isEqualTo(204);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> feed(me).size() == 1);
            var item = feed(me).get(0).get("items").get(0).get("id").asText();
            assertThat(other.delete("stories/" + item, city.token()).status()).isEqualTo(204);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> feed(me).isEmpty());

            var second = signIn(me.username());
            assertThat(http.get("me", second).status()).isEqualTo(200); // now trusted on node 1
            assertThat(other.delete("sessions/current", second).status()).isEqualTo(204);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("me", second).status() == 401);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode feed(User who) {
        var response = http.get("stories/feed", who.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void atMostFiftyActiveItemsAndEarlyDeleteRemovesTheBytes() {
        var busy = person("busy");
        String last = null;
        for (int i = 0; i < 50; i++) last = post(busy, Map.of());
        assertProblem(http.post("stories", busy.token(), Map.of("mediaId", uploadPhoto(busy))), 409);
        var mediaId = app.database().jdbi().withHandle(h -> h.createQuery("SELECT media_id FROM story_item WHERE id = :id")
                .bind("id", "x").mapTo(String.class).findOne()).orElse(null);
        assertThat(mediaId).isNull();
        var lastId = last;
        var lastMedia = app.database().jdbi().withHandle(h -> h.createQuery("SELECT media_id FROM story_item WHERE id = :id")
                .bind("id", lastId).mapTo(String.class).one());
        assertThat(http.delete("stories/" + last, busy.token()).status()).isEqualTo(204);
        assertThat(blobExists(lastMedia)).isFalse();
        assertThat(http.post("stories", busy.token(), Map.of("mediaId", uploadPhoto(busy))).status()).isEqualTo(201);
        assertProblem(http.delete("stories/" + last, busy.token()), 404);
    }

    @Test
    void highlightsOutliveTheDay() {
        var city = official("highlighter", "city", "Nantes");
        var id = post(city, Map.of());
        assertThat(http.put("stories/" + id + "/highlight", city.token()).status()).isEqualTo(204);
        clock.advance(Duration.ofDays(3));
        app.sweeper().sweepNow();
        var highlights = http.get("accounts/" + city.username() + "/highlights", null).json();
        assertThat(highlights.findValuesAsText("id")).containsExactly(id);
        assertThat(http.fetchBytes(highlights.get(0).get("mediaUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(http.delete("stories/" + id + "/highlight", city.token()).status()).isEqualTo(204);
        app.sweeper().sweepNow();
        assertThat(http.get("accounts/" + city.username() + "/highlights", null).json()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM story_item WHERE id = ?", id)).isZero();
        var person = person("nohighlight");
        var personal = post(person, Map.of());
        assertProblem(http.put("stories/" + personal + "/highlight", person.token()), 409);
    }
}
