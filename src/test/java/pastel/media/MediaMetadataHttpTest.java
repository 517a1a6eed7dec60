package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pastel.support.MediaCorpus;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

/// Promise 2 on every stored variant (issue 10, reproductions 8 and 11): whatever the input format
/// (with or without transparency) and whatever the output format (JPEG, WebP, MP4 and its JPEG
/// poster), nothing of the EXIF (GPS, make, model, serial, maker note), XMP, IPTC, PNG text or WebP
/// EXIF/XMP chunks survives; and a refused upload's problem says what is wrong with *this* input,
/// never what libvips or ffmpeg said.
class MediaMetadataHttpTest extends ServerTest {
    @TempDir
    static Path corpus;
    @TempDir
    Path tmp;

    /// Strings the corpus writes into metadata; none may be found in any stored byte.
    private static final List<String> SECRETS = List.of("Canon", "EOS R5", "SN-0123456789", "SECRET-SERIAL", "Secret Photographer",
            "taken at home", "Toulouse", "my home address", "PastelCam");

    private static Path image(String name, boolean alpha) throws IOException {
        var file = corpus.resolve(name);
        if (Files.exists(file)) return file;
        var image = new BufferedImage(96, 64, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(20, 120, 220, alpha ? 160 : 255));
        g.fillRect(0, 0, 96, 48);
        g.dispose();
        var png = corpus.resolve(name + ".png");
        ImageIO.write(image, "png", png.toFile());
        TestMedia.run("vips", "copy", png.toString(), file.toString());
        return file;
    }

    private static Map<String, Path> taggedCorpus() throws IOException {
        var exif = corpus.resolve("everything.jpg");
        // Made once for both databases' runs.
        var made = Files.exists(exif);
        if (!made) Files.write(exif, TestMedia.jpegWithEverything(corpus));
        var files = new LinkedHashMap<String, Path>();
        files.put("png with alpha", image("alpha.png", true));
        files.put("png", image("opaque.png", false));
        files.put("webp with alpha", image("alpha.webp", true));
        files.put("webp", image("opaque.webp", false));
        files.put("heic", image("photo.heic", false));
        files.put("avif", image("photo.avif", false));
        files.put("gif", image("still.gif", false));
        files.put("jpeg", exif);
        for (var entry : made ? java.util.Set.<Map.Entry<String, Path>>of() : files.entrySet()) {
            if (!entry.getKey().equals("jpeg") && !entry.getKey().equals("gif")) MediaCorpus.tagEverything(entry.getValue(), exif);
            if (entry.getKey().equals("gif")) MediaCorpus.tagEverything(entry.getValue());
        }
        return files;
    }

    @Test
    void noStoredVariantOfAnyFormatKeepsAnyMetadata() throws Exception {
        var user = person("tagged");
        var friend = person("friend");
        befriend(user, friend);
        for (var input : taggedCorpus().entrySet()) {
            var tags = TestMedia.metadataTags(input.getValue());
            assertThat(tags).as("%s really carries GPS and XMP", input.getKey())
                    .anyMatch(t -> t.contains("GPS")).anyMatch(t -> t.startsWith("[XMP"));
            if (!input.getKey().equals("gif")) {
                assertThat(tags).as("%s carries camera make and serial", input.getKey())
                        .anyMatch(t -> t.contains("Make")).anyMatch(t -> t.contains("Serial") || t.contains("MakerNote"));
            }
            var uploaded = http.upload(user.token(), Files.readAllBytes(input.getValue()), "application/octet-stream");
            assertThat(uploaded.status()).as(input.getKey() + " " + uploaded).isEqualTo(201);
            var urls = open(user, friend, uploaded.json().get("id").asText());
            for (var variant : List.of("mediaUrl", "thumbnailUrl")) {
                var served = http.fetchBytes(urls.get(variant));
                assertThat(served.statusCode()).isEqualTo(200);
                var contentType = served.headers().firstValue("Content-Type").orElseThrow();
                var file = tmp.resolve(input.getKey().replace(' ', '-') + "-" + variant);
                Files.write(file, served.body());
                assertThat(TestMedia.metadataTags(file)).as("%s, %s (%s): metadata left", input.getKey(), variant, contentType)
                        .allMatch(t -> t.startsWith("[JFIF]") || t.startsWith("[RIFF]"));
                if (contentType.equals("image/webp")) {
                    assertThat(TestMedia.run("exiftool", "-s", "-WebP_Flags", file.toString())).doesNotContain("EXIF", "XMP", "ICC");
                }
                var text = new String(served.body(), StandardCharsets.ISO_8859_1);
                for (var secret : SECRETS) assertThat(text).as("%s, %s", input.getKey(), variant).doesNotContain(secret);
            }
        }
    }

    @Test
    void aVideoAndItsPosterKeepNoMetadata() throws Exception {
        var user = person("filmer");
        var friend = person("friend");
        befriend(user, friend);
        var clip = tmp.resolve("located.mp4");
        Files.write(clip, TestMedia.mp4WithLocation(tmp, 1));
        TestMedia.run("exiftool", "-q", "-q", "-m", "-overwrite_original", "-Make=Canon", "-Model=EOS R5",
                "-XMP-dc:Creator=Secret Photographer", "-GPSCoordinates=43.6045, 1.4442", clip.toString());
        assertThat(TestMedia.metadataTags(clip)).anyMatch(t -> t.startsWith("[XMP"));
        var uploaded = http.upload(user.token(), Files.readAllBytes(clip), "video/mp4");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var urls = open(user, friend, uploaded.json().get("id").asText());
        for (var variant : List.of("mediaUrl", "thumbnailUrl")) {
            var served = http.fetchBytes(urls.get(variant));
            var file = tmp.resolve("video-" + variant);
            Files.write(file, served.body());
            assertThat(TestMedia.metadataTags(file)).as(variant).noneMatch(t -> t.contains("GPS") || t.startsWith("[XMP")
                    || t.contains("Make") || t.contains("Model") || t.contains("Creat") && !t.contains("CreateDate"));
            var text = new String(served.body(), StandardCharsets.ISO_8859_1);
            for (var secret : SECRETS) assertThat(text).as(variant).doesNotContain(secret);
        }
    }

    private Map<String, String> open(User owner, User friend, String mediaId) {
        var sent = http.post("snaps", owner.token(), Map.of("mediaId", mediaId, "to", List.of(friend.username()), "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var open = http.post("snaps/" + sent.json().get("id").asText() + "/open", friend.token(), null);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        return Map.of("mediaUrl", open.json().get("mediaUrl").asText(), "thumbnailUrl", open.json().get("thumbnailUrl").asText());
    }

    // Reproduction 11: libvips' error buffer is global (another upload's error may sit in it) and
    // ffmpeg prints memory addresses; the client gets neither, the log gets both.
    @Test
    void problemsSayWhatIsWrongWithThisInputAndLibraryOutputGoesToTheLogOnly() throws Exception {
        var user = person("breaker");
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        var logger = (Logger) LoggerFactory.getLogger(MediaFailures.class);
        logger.addAppender(log);
        try {
            var heic = Files.readAllBytes(MediaCorpus.converted(corpus, "p3.heic", "p3"));
            var jpeg = TestMedia.noisyJpeg(400, 300);
            var png = TestMedia.transparentPng(300, 200);
            var cases = new LinkedHashMap<String, byte[]>();
            cases.put("truncated heic", java.util.Arrays.copyOf(heic, heic.length - 300));
            cases.put("truncated jpeg", java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
            cases.put("truncated png", java.util.Arrays.copyOf(png, png.length - 40));
            // An MP4 whose index is gone: ffprobe's complaint names its demuxer at a memory address.
            var mp4 = TestMedia.mp4WithLocation(tmp, 1);
            var at = new String(mp4, StandardCharsets.ISO_8859_1).indexOf("moov");
            mp4[at] = 'x';
            cases.put("mp4 without index", mp4);
            var details = new java.util.ArrayList<String>();
            for (var bad : cases.entrySet()) {
                var response = http.upload(user.token(), bad.getValue(), "application/octet-stream");
                assertProblem(response, 415);
                var detail = response.json().get("detail").asText();
                details.add(detail);
                assertThat(detail).as(bad.getKey()).isIn(MediaFailures.IMAGE, MediaFailures.VIDEO, "the image header cannot be read")
                        .doesNotContainPattern("0x[0-9a-fA-F]+").doesNotContain("@", "/", "vips", "Vips", "heif", "moov",
                                "Premature", "libpng", "ffmpeg");
                assertThat(response.body()).doesNotContain("/tmp", "upload-", ".incoming");
            }
            assertThat(details.subList(1, 4)).containsExactly(MediaFailures.IMAGE, MediaFailures.IMAGE, MediaFailures.VIDEO);
            var logged = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(logged).as("what the libraries said is in the log").hasSizeGreaterThanOrEqualTo(3)
                    .anyMatch(l -> l.contains("library=") && (l.contains("VipsJpeg") || l.contains("jpeg")))
                    .anyMatch(l -> l.contains("library=") && l.matches(".*0x[0-9a-f]+.*"));
        } finally {
            logger.detachAppender(log);
        }
    }
}
