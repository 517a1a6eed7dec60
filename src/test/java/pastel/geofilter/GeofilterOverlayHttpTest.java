package pastel.geofilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

/// The geofilter the sender chose is in the pixels the friend gets, for photos and videos.
class GeofilterOverlayHttpTest extends ServerTest {
    static final double LAT = 43.6045, LON = 1.4442;

    @TempDir
    Path tmp;

    private static String geofilter(User city, Duration length) throws Exception {
        // TestMedia.transparentPng: transparent but for an orange band from 3/4 of the height, 1/8 high.
        var png = http.upload(city.token(), TestMedia.transparentPng(1080, 1920), "image/png").json().get("id").asText();
        var starts = clock.instant().minusSeconds(60);
        var outer = List.of(List.of(LON - 0.01, LAT - 0.01), List.of(LON + 0.01, LAT - 0.01),
                List.of(LON + 0.01, LAT + 0.01), List.of(LON - 0.01, LAT + 0.01), List.of(LON - 0.01, LAT - 0.01));
        var created = http.post("accounts/" + city.username() + "/geofilters", city.token(), Map.of("mediaId", png,
                "name", "Capitole", "area", Map.of("type", "Polygon", "coordinates", List.of(outer)),
                "startsAt", starts.toString(), "endsAt", starts.plus(length).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String grey(User owner, int width, int height) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return http.upload(owner.token(), out.toByteArray(), "image/jpeg").json().get("id").asText();
    }

    private static boolean orange(int rgb) {
        var c = new Color(rgb);
        return c.getRed() > 200 && c.getGreen() > 80 && c.getGreen() < 170 && c.getBlue() < 60;
    }

    private static boolean greyish(int rgb) {
        var c = new Color(rgb);
        return Math.abs(c.getRed() - 128) < 20 && Math.abs(c.getGreen() - 128) < 20 && Math.abs(c.getBlue() - 128) < 20;
    }

    private static String openedMedia(User friend, String snapId) {
        var opened = http.post("snaps/" + snapId + "/open", friend.token(), null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return opened.json().get("mediaUrl").asText();
    }

    @Test
    void aPhotoAndAVideoArriveWithTheGeofilterDrawnIn() throws Exception {
        var city = official("capitole", "city", "Toulouse");
        verify(city);
        var filter = geofilter(city, Duration.ofDays(1));
        var ana = person("ana");
        var ben = person("ben");
        befriend(ana, ben);

        // Photo 480 x 640: the overlay fits as 360 x 640 centred (x 60-420), its band at y 480-560.
        var photo = grey(ana, 480, 640);
        var sent = http.post("snaps", ana.token(), Map.of("mediaId", photo, "to", List.of(ben.username()),
                "viewSeconds", 5, "geofilterId", filter));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var received = ImageIO.read(new ByteArrayInputStream(http.fetchBytes(openedMedia(ben, sent.json().get("id").asText())).body()));
        assertThat(received.getWidth()).isEqualTo(480);
        assertThat(orange(received.getRGB(240, 520))).as("the band of the geofilter").isTrue();
        assertThat(greyish(received.getRGB(240, 200))).as("the photo above it").isTrue();
        assertThat(greyish(received.getRGB(20, 520))).as("left of the contained overlay").isTrue();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", photo)).as("the plain upload is deleted at once").isZero();

        // Video 320 x 240: the overlay fits as 135 x 240 centred, its band at y 180-210.
        var video = tmp.resolve("grey.mp4");
        TestMedia.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0x808080:s=320x240:d=1", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", video.toString());
        var upload = http.upload(ana.token(), Files.readAllBytes(video), "video/mp4").json().get("id").asText();
        var story = http.post("stories", ana.token(), Map.of("mediaId", upload, "geofilterId", filter));
        assertThat(story.status()).as(story.toString()).isEqualTo(201);
        var item = http.get("accounts/" + ana.username() + "/stories", ben.token()).json().get(0);
        var stored = tmp.resolve("received.mp4");
        Files.write(stored, http.fetchBytes(item.get("mediaUrl").asText()).body());
        var frame = tmp.resolve("frame.png");
        TestMedia.run("ffmpeg", "-v", "error", "-i", stored.toString(), "-frames:v", "1", frame.toString());
        var first = ImageIO.read(frame.toFile());
        assertThat(orange(first.getRGB(160, 195))).as("the band in the video frame").isTrue();
        assertThat(greyish(first.getRGB(160, 60))).isTrue();

        assertThat(http.get("accounts/" + city.username() + "/geofilters", city.token()).json().get(0).get("uses").asLong())
                .isEqualTo(2);
    }

    @Test
    void aForgedOrExpiredGeofilterIsRefusedAndNothingIsSent() throws Exception {
        var city = official("capitole", "city", "Toulouse");
        verify(city);
        var filter = geofilter(city, Duration.ofHours(1));
        var ana = person("ana");
        var ben = person("ben");
        befriend(ana, ben);
        var photo = grey(ana, 64, 64);
        assertProblem(http.post("snaps", ana.token(), Map.of("mediaId", photo, "to", List.of(ben.username()),
                "viewSeconds", 5, "geofilterId", "01FORGEDFORGEDFORGEDFORGED")), 400);
        clock.advance(Duration.ofHours(2));
        photo = grey(ana, 64, 64);
        assertProblem(http.post("stories", ana.token(), Map.of("mediaId", photo, "geofilterId", filter)), 400);
        assertThat(http.get("snaps/received", ben.token()).json()).isEmpty();
        // The upload is still usable without a filter, and no composite was left behind.
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ? AND expires_at > ?", ana.id(),
                clock.millis())).isEqualTo(1);
        assertThat(http.post("snaps", ana.token(), Map.of("mediaId", photo, "to", List.of(ben.username()),
                "viewSeconds", 5)).status()).isEqualTo(201);
    }
}
