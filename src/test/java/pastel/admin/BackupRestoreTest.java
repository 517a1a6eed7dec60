package pastel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.App;
import pastel.Main;
import pastel.config.Config;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestDatabase;

/// `pastel admin backup` taken while the server runs, content expiring after it, `pastel admin
/// restore`: the restored server never serves what expired, and its bytes are gone at start-up.
class BackupRestoreTest extends ServerTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void expiredContentOfARestoredBackupIsNeverServedAndItsBytesAreGoneAtStartUp() throws Exception {
        Assumptions.assumeTrue(databaseKind == TestDatabase.SQLITE, "the embedded default's backup");
        var ana = person("ana");
        var ben = person("ben");
        befriend(ana, ben);
        var story = http.post("stories", ana.token(), Map.of("mediaId", uploadPhoto(ana), "audience", "friends"));
        assertThat(story.status()).isEqualTo(201);
        var storyMedia = count("SELECT COUNT(*) FROM story_item WHERE id = ?", story.json().get("id").asText());
        assertThat(storyMedia).isOne();
        var storyMediaId = app.database().jdbi().withHandle(h -> h.createQuery("SELECT media_id FROM story_item WHERE id = ?")
                .bind(0, story.json().get("id").asText()).mapTo(String.class).one());
        var snapMedia = uploadPhoto(ana);
        var snap = http.post("snaps", ana.token(), Map.of("mediaId", snapMedia, "to", List.of(ben.username()), "viewSeconds", 5));
        assertThat(snap.status()).isEqualTo(201);

        var backup = tmp.resolve("backup");
        var env = Map.of("PASTEL_DATA_DIR", opened.dataDir().toString());
        assertThat(Main.run(env, "admin", "backup", backup.toString())).isZero();
        assertThat(backup.resolve("blobs").resolve(storyMediaId.substring(0, 2)).resolve(storyMediaId)).exists();
        assertThat(Main.run(env, "admin", "backup", backup.toString())).as("never over an earlier backup").isEqualTo(1);

        // A day later the story has expired; the server that took the backup is lost.
        clock.advance(Duration.ofHours(25));
        var restoredDir = tmp.resolve("restored");
        var restoredEnv = Map.of("PASTEL_DATA_DIR", restoredDir.toString(), "PASTEL_PORT", "0");
        assertThat(Main.run(restoredEnv, "admin", "restore", backup.toString())).isZero();
        assertThat(Main.run(restoredEnv, "admin", "restore", backup.toString())).as("never over a database").isEqualTo(1);
        var storyBlob = restoredDir.resolve("blobs").resolve(storyMediaId.substring(0, 2)).resolve(storyMediaId);
        assertThat(storyBlob).as("restored as it was").exists();

        try (var restored = App.start(Config.fromEnvironment(restoredEnv), clock)) {
            // By the time it answers anything, the expired story's bytes are gone...
            assertThat(storyBlob).doesNotExist();
            assertThat(storyBlob.resolveSibling(storyMediaId + ".thumb")).doesNotExist();
            var node = new Http(restored.port());
            var stories = node.get("accounts/" + ana.username() + "/stories", ben.token());
            assertThat(stories.status()).isEqualTo(200);
            assertThat(stories.json()).isEmpty();
            // ...and what has not expired is all there: the unopened snap (30 days) opens.
            var opened = node.post("snaps/" + snap.json().get("id").asText() + "/open", ben.token(), null);
            assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
            var bytes = node.fetchBytes(opened.json().get("mediaUrl").asText());
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.body().length).isGreaterThan(100);
            assertThat(Files.exists(restoredDir.resolve("blobs").resolve(snapMedia.substring(0, 2)).resolve(snapMedia))).isTrue();
        }
    }
}
