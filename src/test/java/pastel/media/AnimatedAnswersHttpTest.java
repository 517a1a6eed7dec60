package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.support.MediaCorpus;
import pastel.support.ServerTest;

/// An animated GIF, WebP or APNG is stored as a video; every answer that hands it to a viewer
/// (an opened snap, an account's story, the story feed) says `animated`, so clients loop it
/// like a GIF instead of playing it once like a video. A photo says `animated: false`.
class AnimatedAnswersHttpTest extends ServerTest {
    /// Shared by both databases' runs: the animation is made once.
    @TempDir
    static Path corpus;

    private static String uploadAnimation(User owner) throws Exception {
        var uploaded = http.upload(owner.token(), Files.readAllBytes(MediaCorpus.animation(corpus, "gif")),
                "application/octet-stream");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("animated").asBoolean()).isTrue();
        return uploaded.json().get("id").asText();
    }

    private static JsonNode open(User sender, User recipient, String mediaId) {
        var sent = http.post("snaps", sender.token(), Map.of("mediaId", mediaId, "to", List.of(recipient.username()),
                "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var opened = http.post("snaps/" + sent.json().get("id").asText() + "/open", recipient.token(), null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return opened.json();
    }

    private static String postStory(User owner, String mediaId) {
        var posted = http.post("stories", owner.token(), Map.of("mediaId", mediaId, "audience", "friends"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    @Test
    void anOpenedSnapSaysWhetherToLoop() throws Exception {
        var sender = person("gifsender");
        var friend = person("gifreader");
        befriend(sender, friend);

        var animation = open(sender, friend, uploadAnimation(sender));
        assertThat(animation.get("kind").asText()).isEqualTo("video");
        assertThat(animation.get("animated").asBoolean()).isTrue();
        assertThat(http.fetchBytes(animation.get("mediaUrl").asText()).statusCode()).isEqualTo(200);

        var photo = open(sender, friend, uploadPhoto(sender));
        assertThat(photo.get("animated").asBoolean()).isFalse();
    }

    @Test
    void storiesAndTheFeedSayWhetherToLoop() throws Exception {
        var owner = person("gifstory");
        var friend = person("gifwatcher");
        befriend(owner, friend);
        var animated = postStory(owner, uploadAnimation(owner));
        var still = postStory(owner, uploadPhoto(owner));

        var story = http.get("accounts/" + owner.username() + "/stories", friend.token()).json();
        assertThat(story).hasSize(2);
        for (var item : story) {
            assertThat(item.get("animated").asBoolean()).as(item.toString()).isEqualTo(item.get("id").asText().equals(animated));
        }
        assertThat(story.findValuesAsText("id")).containsExactlyInAnyOrder(animated, still);

        var feed = http.get("stories/feed", friend.token()).json();
        var items = feed.get(0).get("items");
        assertThat(items.findValuesAsText("id")).containsExactlyInAnyOrder(animated, still);
        for (var item : items) {
            assertThat(item.get("animated").asBoolean()).as(item.toString()).isEqualTo(item.get("id").asText().equals(animated));
        }
    }
}
