package pastel.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

class AvatarHttpTest extends ServerTest {
    @TempDir
    Path tmp;

    private static java.awt.image.BufferedImage image(String url) throws Exception {
        var fetched = http.fetchBytes(url);
        assertThat(fetched.statusCode()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(fetched.body()));
    }

    @Test
    void aPictureIsCroppedSquareStrippedShownToOthersAndRemovedForReal() throws Exception {
        var ana = person("ana");
        var ben = person("ben");
        var generated = http.get("me", ana.token()).json().get("avatarUrl").asText();
        assertThat(generated).as("the generated default").startsWith("data:image/svg+xml,");

        // 400 x 300 with EXIF "rotate 90°", GPS, maker note, XMP, IPTC: upright 300 x 400, then its centre square.
        var set = http.send("PUT", "me/avatar", ana.token(), TestMedia.jpegWithEverything(tmp), Map.of("Content-Type", "image/jpeg"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        var url = set.json().get("avatarUrl").asText();
        assertThat(url).startsWith("/media/");
        var picture = image(url);
        assertThat(picture.getWidth()).isEqualTo(300).isEqualTo(picture.getHeight());
        var thumb = image(set.json().get("avatarThumbUrl").asText());
        assertThat(thumb.getWidth()).isEqualTo(thumb.getHeight()).isLessThanOrEqualTo(320);
        var file = tmp.resolve("avatar.jpg");
        Files.write(file, http.fetchBytes(url).body());
        assertThat(TestMedia.metadataTags(file)).as("metadata left in the picture").allMatch(t -> t.startsWith("[JFIF]"));

        // Others see it on the profile and in the batch used by lists; a block hides it.
        assertThat(http.get("accounts/" + ana.username(), ben.token()).json().get("avatarUrl").asText()).startsWith("/media/");
        var many = http.get("avatars?usernames=" + ana.username() + "," + ben.username() + ",nobody_here", ben.token()).json();
        assertThat(many.get(ana.username()).get("thumbUrl").asText()).startsWith("/media/");
        assertThat(many.get(ben.username()).get("url").asText()).startsWith("data:image/svg+xml,");
        assertThat(many.has("nobody_here")).isFalse();

        // A bigger one replaces it (512 px), and the first one's bytes are gone.
        var first = count("SELECT COUNT(*) FROM media WHERE owner_id = ? AND attached_to = 'avatar'", ana.id());
        assertThat(first).isEqualTo(1);
        var firstKey = app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT m.blob_key FROM media m JOIN avatar v ON v.media_id = m.id WHERE v.account_id = :a")
                .bind("a", ana.id()).mapTo(String.class).one());
        var bigger = http.send("PUT", "me/avatar", ana.token(), TestMedia.noisyJpeg(900, 600), Map.of("Content-Type", "image/jpeg"));
        assertThat(image(bigger.json().get("avatarUrl").asText()).getWidth()).isEqualTo(512);
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ?", ana.id())).as("only the new picture is kept").isEqualTo(1);
        if (blobFile(firstKey).getParent() != null) assertThat(blobFile(firstKey)).doesNotExist();

        http.post("blocks", ben.token(), Map.of("username", ana.username()));
        assertThat(http.get("avatars?usernames=" + ana.username(), ben.token()).json().has(ana.username())).isFalse();

        // Removal: back to the generated picture, no row, no bytes.
        assertThat(http.delete("me/avatar", ana.token()).status()).isEqualTo(204);
        assertThat(http.get("me", ana.token()).json().get("avatarUrl").asText()).isEqualTo(generated);
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ?", ana.id())).isZero();
    }

    @Test
    void aVideoOrAnythingElseIsRefused() throws Exception {
        var ana = person("ana");
        assertProblem(http.send("PUT", "me/avatar", ana.token(), TestMedia.webm(tmp), Map.of("Content-Type", "video/webm")), 415);
        assertProblem(http.send("PUT", "me/avatar", ana.token(), TestMedia.zip(), Map.of("Content-Type", "image/png")), 415);
        assertProblem(http.send("PUT", "me/avatar", null, TestMedia.noisyJpeg(50, 50), Map.of("Content-Type", "image/jpeg")), 401);
        assertProblem(http.get("avatars", ana.token()), 400);
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ?", ana.id())).as("nothing left behind").isZero();
    }
}
