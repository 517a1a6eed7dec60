package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.support.MediaCorpus;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

/// Media that look right (issue 16): colours converted to sRGB from wide-gamut profiles, HDR
/// tone-mapped to BT.709, sizes as displayed after rotation, bombs of every format refused with
/// 413 before decoding, animations as looping-ready videos, AVIF accepted. Pixels are compared
/// with reference conversions made here (`vips icc_transform`, ffmpeg's tone mapping) by mean
/// CIEDE2000; every comparison also checks that the naive result (no conversion) would fail it.
class MediaFidelityHttpTest extends ServerTest {
    /// Shared by both databases' runs: the corpus is made once.
    @TempDir
    static Path corpus;
    @TempDir
    Path tmp;

    private record Stored(Path file, Path thumb) {}

    /// Sends the media as a snap to a new friend, opens it, and downloads both stored variants.
    private Stored stored(User owner, String mediaId, String name) throws IOException {
        var friend = person("viewer");
        befriend(owner, friend);
        var sent = http.post("snaps", owner.token(), Map.of("mediaId", mediaId, "to", List.of(friend.username()), "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var open = http.post("snaps/" + sent.json().get("id").asText() + "/open", friend.token(), null);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        var file = tmp.resolve(name);
        var thumb = tmp.resolve(name + ".thumb.jpg");
        var body = http.fetchBytes(open.json().get("mediaUrl").asText());
        assertThat(body.statusCode()).isEqualTo(200);
        Files.write(file, body.body());
        var thumbBody = http.fetchBytes(open.json().get("thumbnailUrl").asText());
        assertThat(thumbBody.statusCode()).isEqualTo(200);
        Files.write(thumb, thumbBody.body());
        return new Stored(file, thumb);
    }

    private pastel.support.Http.Response upload(User user, Path file) throws IOException {
        return http.upload(user.token(), Files.readAllBytes(file), "application/octet-stream");
    }

    private static String probe(Path file, String entries) {
        return TestMedia.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", entries, "-of",
                "default=noprint_wrappers=1", file.toString());
    }

    // Reproduction 1: Display P3 (JPEG, HEIC, AVIF), Adobe RGB and CMYK photos keep their colours.
    @Test
    void wideGamutAndCmykPhotosAreConvertedToSrgbBeforeTheProfileGoes() throws Exception {
        var user = person("iphone");
        var inputs = Map.of(
                "p3.jpg", MediaCorpus.taggedJpeg(corpus, "p3", "p3"),
                "adobe.jpg", MediaCorpus.taggedJpeg(corpus, "adobe", MediaCorpus.adobeRgbProfile(corpus).toString()),
                "p3.heic", MediaCorpus.converted(corpus, "p3.heic", "p3"),
                "p3.avif", MediaCorpus.converted(corpus, "p3.avif", "p3"),
                "cmyk.jpg", MediaCorpus.converted(corpus, "cmyk.jpg", "cmyk"));
        for (var input : inputs.entrySet()) {
            var source = input.getValue();
            var reference = corpus.resolve(source.getFileName() + ".ref.png");
            if (!Files.exists(reference)) {
                // Checked once for both databases' runs: the corpus is what it claims to be.
                assertThat(TestMedia.run("exiftool", "-s", "-ProfileDescription", source.toString()))
                        .as("%s carries its profile", input.getKey()).contains("ProfileDescription");
                var made = MediaCorpus.srgbReference(source, tmp);
                // What a viewer saw before: the numbers read as sRGB, the profile ignored.
                var naive = tmp.resolve(input.getKey() + ".naive.png");
                TestMedia.run("vips", "copy", source.toString(), naive.toString());
                if (!input.getKey().startsWith("cmyk")) {
                    assertThat(MediaCorpus.meanDeltaE00(naive, made, tmp)).as("%s: ignoring the profile shows", input.getKey())
                            .isGreaterThan(3);
                }
                Files.move(made, reference);
            }

            var uploaded = upload(user, source);
            assertThat(uploaded.status()).as(input.getKey() + " " + uploaded).isEqualTo(201);
            assertThat(uploaded.json().get("width").asInt()).isEqualTo(128);
            var stored = stored(user, uploaded.json().get("id").asText(), input.getKey() + ".stored.jpg");
            assertThat(TestMedia.metadataTags(stored.file())).as("%s: no profile or metadata left", input.getKey())
                    .allMatch(t -> t.startsWith("[JFIF]"));
            assertThat(MediaCorpus.meanDeltaE00(stored.file(), reference, tmp)).as("%s: mean CIEDE2000 against vips icc_transform",
                    input.getKey()).isLessThan(3);
            assertThat(MediaCorpus.meanDeltaE00(stored.thumb(), reference, tmp)).as("%s: thumbnail", input.getKey())
                    .isLessThan(3);
        }
    }

    // Reproduction 2: HDR10 and HLG are tone-mapped to BT.709 SDR, poster included.
    @Test
    void hdr10AndHlgVideosAreToneMappedToBt709() throws Exception {
        var user = person("hdr");
        for (var transfer : List.of("smpte2084", "arib-std-b67")) {
            var clip = MediaCorpus.hdrClip(corpus, transfer);
            var reference = corpus.resolve(clip.getFileName() + ".tonemapped.png");
            if (!Files.exists(reference)) {
                assertThat(probe(clip, "stream=color_transfer")).contains(transfer);
                MediaCorpus.toneMappedFrame(clip, transfer, corpus);
                var naive = MediaCorpus.frame(clip, 0, tmp);
                assertThat(MediaCorpus.meanDeltaE00(naive, reference, tmp)).as("%s untouched looks washed out", transfer)
                        .isGreaterThan(3);
            }

            var uploaded = upload(user, clip);
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
            assertThat(uploaded.json().get("width").asInt()).isEqualTo(320);
            assertThat(uploaded.json().get("height").asInt()).isEqualTo(180);
            var stored = stored(user, uploaded.json().get("id").asText(), transfer + ".mp4");
            assertThat(probe(stored.file(), "stream=codec_name,pix_fmt,color_transfer,color_primaries,color_space"))
                    .contains("codec_name=h264", "pix_fmt=yuv420p", "color_transfer=bt709", "color_primaries=bt709",
                            "color_space=bt709");
            assertThat(MediaCorpus.meanDeltaE00(MediaCorpus.frame(stored.file(), 0, tmp), reference, tmp))
                    .as("%s: first frame against ffmpeg's tone mapping", transfer).isLessThan(3);
            assertThat(MediaCorpus.meanDeltaE00(stored.thumb(), reference, tmp)).as("%s: poster", transfer).isLessThan(3);
        }
    }

    @Test
    void sdrVideosKeepTheirColours() throws Exception {
        var user = person("sdr");
        var clip = MediaCorpus.rotatedClip(corpus, "libx265", 0);
        var uploaded = upload(user, clip);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var stored = stored(user, uploaded.json().get("id").asText(), "sdr.mp4");
        assertThat(probe(stored.file(), "stream=codec_name,color_transfer")).contains("codec_name=h264")
                .doesNotContain("bt709");
        assertThat(MediaCorpus.meanDeltaE00(MediaCorpus.frame(stored.file(), 0, tmp), MediaCorpus.frame(clip, 0, tmp), tmp))
                .isLessThan(3);
    }

    // Reproduction 3: a phone video with a rotation matrix reports its size as displayed, whether
    // it is copied (H.264) or re-encoded (HEVC); the poster is upright.
    @Test
    void rotatedVideosReportTheSizeTheyAreShownAt() throws Exception {
        var user = person("portrait");
        // H.264 is copied with its rotation matrix; HEVC is re-encoded upright.
        for (var codec : List.of("libx264", "libx265")) {
            for (var rotation : codec.equals("libx264") ? List.of(90, 180) : List.of(270)) {
                var clip = MediaCorpus.rotatedClip(corpus, codec, rotation);
                var uploaded = upload(user, clip);
                assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                var sideways = rotation != 180;
                assertThat(uploaded.json().get("width").asInt()).as("%s rotated %d", codec, rotation).isEqualTo(sideways ? 180 : 320);
                assertThat(uploaded.json().get("height").asInt()).isEqualTo(sideways ? 320 : 180);
                assertThat(uploaded.json().get("durationMs").asLong()).isBetween(900L, 1100L);
                if (rotation == 180) continue;
                var stored = stored(user, uploaded.json().get("id").asText(), codec + rotation + ".mp4");
                var poster = javax.imageio.ImageIO.read(stored.thumb().toFile());
                assertThat(poster.getHeight()).as("poster upright").isGreaterThan(poster.getWidth());
            }
        }
    }

    // Reproduction 4: bombs of every format are refused with 413 before any decoder runs (the
    // patched files' pixel data does not match what they claim: a decoder would fail with 415).
    @Test
    void bombsOfEveryFormatAre413BeforeDecoding() throws Exception {
        var user = person("bomber");
        var heic = Files.readAllBytes(MediaCorpus.converted(corpus, "p3.heic", "p3"));
        var avif = Files.readAllBytes(MediaCorpus.converted(corpus, "p3.avif", "p3"));
        var webp = tmp.resolve("alpha.webp");
        Files.write(tmp.resolve("alpha.png"), TestMedia.transparentPng(64, 48));
        TestMedia.run("vips", "copy", tmp.resolve("alpha.png").toString(), webp.toString());
        var gif = Files.readAllBytes(MediaCorpus.animation(corpus, "gif"));
        var bombs = Map.of(
                "heic", MediaCorpus.withIspe(heic, 30000, 30000),
                "avif", MediaCorpus.withIspe(avif, 30000, 30000),
                "webp", MediaCorpus.webpClaiming(Files.readAllBytes(webp), 16000, 16000),
                "gif", MediaCorpus.gifClaiming(gif, 30000, 30000));
        for (var bomb : bombs.entrySet()) {
            var response = http.upload(user.token(), bomb.getValue(), "image/jpeg");
            assertProblem(response, 413);
            assertThat(response.json().get("detail").asText()).as(bomb.getKey()).contains("megapixels")
                    .containsAnyOf("30000", "16000");
        }
        // An animation that lasts too long, or decodes to too many pixels in all, is a bomb too.
        var long_ = http.upload(user.token(), MediaCorpus.gifWithDelay(gif, 3100), "image/gif");
        assertProblem(long_, 413);
        assertThat(long_.json().get("detail").asText()).contains("60 s");
        var heavy = http.upload(user.token(), MediaCorpus.gifClaiming(MediaCorpus.manyFrameGif(corpus, 50), 7000, 7000), "image/gif");
        assertProblem(heavy, 413);
        assertThat(heavy.json().get("detail").asText()).contains("50 frames");
    }

    // Reproduction 5: animated GIF, WebP and APNG become short, silent, metadata-free H.264 videos.
    @Test
    void animationsBecomeLoopingReadyVideos() throws Exception {
        var user = person("giphy");
        for (var format : List.of("gif", "webp", "apng")) {
            var source = MediaCorpus.animation(corpus, format);
            assertThat(TestMedia.metadataTags(source)).as("%s carries metadata", format)
                    .anyMatch(t -> t.startsWith("[XMP"));
            var uploaded = upload(user, source);
            assertThat(uploaded.status()).as(format + " " + uploaded).isEqualTo(201);
            var json = uploaded.json();
            assertThat(json.get("kind").asText()).isEqualTo("video");
            assertThat(json.get("animated").asBoolean()).isTrue();
            assertThat(json.get("width").asInt()).isEqualTo(64);
            assertThat(json.get("height").asInt()).isEqualTo(48);
            assertThat(json.get("durationMs").asLong()).as(format).isBetween(550L, 650L);

            var stored = stored(user, json.get("id").asText(), format + ".mp4");
            var streams = TestMedia.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,pix_fmt",
                    "-of", "default=noprint_wrappers=1", stored.file().toString());
            assertThat(streams).contains("codec_name=h264", "pix_fmt=yuv420p").doesNotContain("codec_type=audio");
            assertThat(TestMedia.run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags",
                    "-of", "default=noprint_wrappers=1", stored.file().toString())).doesNotContain("Secret", "Canon", "43.6");
            assertThat(TestMedia.metadataTags(stored.file())).noneMatch(t -> t.contains("GPS") || t.startsWith("[XMP")
                    || t.contains("Make") || t.contains("Serial") || t.contains("Comment"));
            assertThat(TestMedia.metadataTags(stored.thumb())).allMatch(t -> t.startsWith("[JFIF]"));
            // Frame by frame: red, then green, then blue, each with a white band where it was transparent.
            for (int frame = 0; frame < 3; frame++) {
                var image = javax.imageio.ImageIO.read(MediaCorpus.frame(stored.file(), frame, tmp).toFile());
                var colour = new java.awt.Color(image.getRGB(32, 16));
                var expected = List.of(java.awt.Color.RED, java.awt.Color.GREEN, java.awt.Color.BLUE).get(frame);
                assertThat(distance(colour, expected)).as("%s frame %d: %s", format, frame, colour).isLessThan(60);
                var band = new java.awt.Color(image.getRGB(32, 45));
                assertThat(distance(band, java.awt.Color.WHITE)).as("%s: transparency on white", format).isLessThan(60);
            }
        }
    }

    private static double distance(java.awt.Color a, java.awt.Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }
}
