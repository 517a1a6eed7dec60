package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.WsClient;

/// Reproductions 1 and 2 of issue 10: a block is total, and media URLs stop serving within 1 s of
/// their viewer losing the right to see (block, unfriend, sign-out, deletion); public items seen
/// anonymously keep working until deleted.
class BlockAndUrlHttpTest extends ServerTest {
    private static final Duration WITHIN = Duration.ofSeconds(1);

    private String sendSnap(User from, User to) {
        var sent = http.post("snaps", from.token(), Map.of("mediaId", uploadPhoto(from), "to", List.of(to.username()),
                "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().get("id").asText();
    }

    private static void awaitGone(String url) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> http.fetch(url, Map.of()).status() == 404);
    }

    @Test
    void aBlockEitherWayEndsUnopenedSnapsAndTheirBytes() throws Exception {
        for (var recipientBlocks : List.of(true, false)) {
            var a = person("blocksender");
            var b = person("blockrecipient");
            befriend(a, b);
            var snapId = sendSnap(a, b);
            var mediaKey = mediaOfSnap(snapId);
            try (var aSocket = WsClient.connect(app.port(), a.token(), true)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> app.hub().connections() >= 1);
                var blocker = recipientBlocks ? b : a;
                var blocked = recipientBlocks ? a : b;
                assertThat(http.post("blocks", blocker.token(), Map.of("username", blocked.username())).status()).isEqualTo(204);

                assertProblem(http.post("snaps/" + snapId + "/open", b.token(), null), 404);
                assertProblem(http.post("snaps/" + snapId + "/replay", b.token(), null), 404);
                assertProblem(http.post("snaps/" + snapId + "/screenshot", b.token(), null), 404);
                assertThat(http.get("snaps/received", b.token()).json()).isEmpty();
                assertThat(http.get("snaps/sent", a.token()).json()).isEmpty();
                assertThat(aSocket.drain(Duration.ofMillis(300)))
                        .noneMatch(e -> e.get("type").asText().startsWith("snap."));
                // Promise 1: the unopened snap's bytes are gone with it.
                assertThat(blobFile(mediaKey)).doesNotExist();
                assertThat(count("SELECT COUNT(*) FROM snap WHERE id = ?", snapId)).isZero();
            }
        }
    }

    @Test
    void anOpenedSnapsUrlStopsWithinASecondOfABlockAnUnfriendOrASignOut() {
        for (var ending : List.of("block", "unfriend", "sign-out", "sender blocks")) {
            var a = person("urlsender");
            var b = person("urlrecipient");
            befriend(a, b);
            var snapId = sendSnap(a, b);
            var opened = http.post("snaps/" + snapId + "/open", b.token(), null);
            assertThat(opened.status()).isEqualTo(200);
            var url = opened.json().get("mediaUrl").asText();
            var thumb = opened.json().get("thumbnailUrl").asText();
            assertThat(http.fetch(url, Map.of()).status()).as(ending).isEqualTo(200);
            switch (ending) {
                case "block" -> http.post("blocks", b.token(), Map.of("username", a.username()));
                case "sender blocks" -> http.post("blocks", a.token(), Map.of("username", b.username()));
                case "unfriend" -> assertThat(http.delete("friends/" + b.username(), a.token()).status()).isEqualTo(204);
                default -> assertThat(http.delete("sessions/current", b.token()).status()).isEqualTo(204);
            }
            awaitGone(url);
            awaitGone(thumb);
        }
    }

    @Test
    void aFriendsStoryUrlStopsAfterUnfriendOrBlockWhileAPublicItemSeenAnonymouslyStaysUntilDeleted() {
        var owner = person("storyowner");
        var friend = person("storyfriend");
        befriend(owner, friend);
        var posted = http.post("stories", owner.token(), Map.of("mediaId", uploadPhoto(owner), "caption", "friends only"));
        assertThat(posted.status()).isEqualTo(201);
        var items = http.get("accounts/" + owner.username() + "/stories", friend.token()).json();
        var url = items.get(0).get("mediaUrl").asText();
        assertThat(http.fetch(url, Map.of()).status()).isEqualTo(200);
        assertThat(http.delete("friends/" + owner.username(), friend.token()).status()).isEqualTo(204);
        awaitGone(url);

        var city = official("urlcity", "city", "Albi");
        var item = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "caption", "open"));
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        var anonymous = http.get("accounts/" + city.username() + "/stories", null).json().get(0).get("mediaUrl").asText();
        var fan = person("urlfan");
        var fans = http.get("accounts/" + city.username() + "/stories", fan.token()).json().get(0).get("mediaUrl").asText();
        assertThat(http.fetch(anonymous, Map.of()).status()).isEqualTo(200);
        assertThat(http.fetch(fans, Map.of()).status()).isEqualTo(200);
        // The fan blocks the city: the fan's URL stops; the anonymous one does not.
        assertThat(http.post("blocks", fan.token(), Map.of("username", city.username())).status()).isEqualTo(204);
        awaitGone(fans);
        assertThat(http.fetch(anonymous, Map.of()).status()).isEqualTo(200);
        assertThat(http.delete("stories/" + item.json().get("id").asText(), city.token()).status()).isEqualTo(204);
        await().atMost(WITHIN).until(() -> http.fetch(anonymous, Map.of()).status() != 200);
    }

    @Test
    void aForgedViewerInAUrlIsRefused() {
        var a = person("forger");
        var b = person("forged");
        befriend(a, b);
        var snapId = sendSnap(a, b);
        var url = http.post("snaps/" + snapId + "/open", b.token(), null).json().get("mediaUrl").asText();
        var forged = url.replaceFirst("v=[^&]+", "v=-");
        assertProblem(http.fetch(forged, Map.of()), 404);
    }

    @Test
    void theViewerListOfAnItemForgetsWhoBlockedItsOwner() {
        var owner = person("viewedowner");
        var viewer = person("viewer");
        befriend(owner, viewer);
        var itemId = http.post("stories", owner.token(), Map.of("mediaId", uploadPhoto(owner))).json().get("id").asText();
        assertThat(http.post("stories/" + itemId + "/views", viewer.token(), Map.of("watchedMs", 900, "completed", true))
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.get("stories/" + itemId + "/viewers", owner.token()).json().size() == 1);
        assertThat(http.post("blocks", viewer.token(), Map.of("username", owner.username())).status()).isEqualTo(204);
        assertThat(http.get("stories/" + itemId + "/viewers", owner.token()).json()).isEmpty();
    }

    private static String mediaOfSnap(String snapId) {
        return app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT m.blob_key FROM snap s JOIN media m ON m.id = s.media_id WHERE s.id = :id")
                .bind("id", snapId).mapTo(String.class).one());
    }
}
