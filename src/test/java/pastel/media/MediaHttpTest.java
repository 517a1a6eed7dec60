package pastel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

@pastel.support.BlobsOnS3
class MediaHttpTest extends ServerTest {
    @TempDir
    Path tmp;

    private void assertNoTemporaryFiles() throws IOException {
        // The spool holds this server's (empty) folder and its lock file, nothing else.
        try (var files = Files.walk(app.blobs().incoming())) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).toList())
                    .as("temporary upload files").isEmpty();
        }
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("proc-")).toList()).isEmpty();
        }
    }

    /// Uploads, attaches nothing, and returns a signed URL for the stored form, via a snap to a friend.
    private String servedUrlOf(User owner, String mediaId, String variant) {
        var friend = person("viewer");
        var request = http.post("friends/requests", owner.token(), Map.of("username", friend.username()));
        http.post("friends/requests/" + request.json().get("id").asText() + "/accept", friend.token(), null);
        var sent = http.post("snaps", owner.token(), Map.of("mediaId", mediaId, "to", java.util.List.of(friend.username()), "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var open = http.post("snaps/" + sent.json().get("id").asText() + "/open", friend.token(), null);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        return open.json().get(variant.equals("thumb") ? "thumbnailUrl" : "mediaUrl").asText();
    }

    @Test
    void aJpegComesBackUprightWithEveryPieceOfMetadataGone() throws Exception {
        var user = person("photographer");
        var original = TestMedia.jpegWithEverything(tmp);
        var originalFile = tmp.resolve("check-original.jpg");
        Files.write(originalFile, original);
        assertThat(TestMedia.metadataTags(originalFile))
                .as("the test photo really carries the metadata")
                .anyMatch(t -> t.contains("GPSLatitude")).anyMatch(t -> t.contains("MakerNote"))
                .anyMatch(t -> t.startsWith("[XMP")).anyMatch(t -> t.startsWith("[IPTC]")).anyMatch(t -> t.contains("Orientation"));

        // The claimed type is a lie on purpose: the bytes decide.
        var uploaded = http.upload(user.token(), original, "application/octet-stream");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var json = uploaded.json();
        assertThat(json.get("kind").asText()).isEqualTo("image");
        assertThat(json.get("width").asInt()).isEqualTo(300);
        assertThat(json.get("height").asInt()).isEqualTo(400);

        var url = servedUrlOf(user, json.get("id").asText(), "original");
        var served = http.fetchBytes(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        var servedFile = tmp.resolve("served.jpg");
        Files.write(servedFile, served.body());
        assertThat(TestMedia.metadataTags(servedFile)).as("metadata left in the served photo")
                .allMatch(t -> t.startsWith("[JFIF]"));

        var image = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(400);
        // Rotated 90° clockwise: the red left half is now on top, the blue right half at the bottom.
        var top = new java.awt.Color(image.getRGB(150, 50));
        var bottom = new java.awt.Color(image.getRGB(150, 350));
        assertThat(top.getRed()).isGreaterThan(200);
        assertThat(top.getBlue()).isLessThan(60);
        assertThat(bottom.getBlue()).isGreaterThan(200);
        assertThat(bottom.getRed()).isLessThan(60);

        var thumb = http.fetchBytes(url.replace("/original?", "/thumb?"));
        assertThat(thumb.statusCode()).as("a URL for another variant is refused").isEqualTo(404);
        assertNoTemporaryFiles();
    }

    @Test
    void largeImagesAreShrunkTo1920WithA320Thumbnail() throws Exception {
        var user = person("big");
        var uploaded = http.upload(user.token(), TestMedia.noisyJpeg(2400, 1600), "image/jpeg");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("width").asInt()).isEqualTo(1920);
        assertThat(uploaded.json().get("height").asInt()).isEqualTo(1280);
        var thumb = http.fetchBytes(servedUrlOf(user, uploaded.json().get("id").asText(), "thumb"));
        var image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(320);
    }

    @Test
    void anMp4ComesBackWithoutLocationOrCreationTimeAndServesRanges() throws Exception {
        var user = person("filmer");
        var video = TestMedia.mp4WithLocation(tmp, 2);
        var source = tmp.resolve("source.mp4");
        Files.write(source, video);
        assertThat(TestMedia.run("ffprobe", "-v", "error", "-show_format", source.toString())).contains("location");

        var uploaded = http.upload(user.token(), video, "text/plain");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("kind").asText()).isEqualTo("video");
        assertThat(uploaded.json().get("durationMs").asLong()).isBetween(1800L, 2300L);

        var url = servedUrlOf(user, uploaded.json().get("id").asText(), "original");
        var served = http.fetchBytes(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("video/mp4");
        var stored = tmp.resolve("stored.mp4");
        Files.write(stored, served.body());
        var tagsOnly = TestMedia.run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", stored.toString());
        assertThat(tagsOnly).doesNotContain("location").doesNotContain("creation_time").doesNotContain("secret place");
        var probe = TestMedia.run("ffprobe", "-v", "error", "-show_streams", stored.toString());
        assertThat(probe).contains("codec_name=h264").contains("codec_name=aac");
        var tags = TestMedia.metadataTags(stored);
        assertThat(tags).noneMatch(t -> t.contains("GPS")).noneMatch(t -> t.contains("Location"));
        var exif = TestMedia.run("exiftool", "-s", "-CreateDate", "-MediaCreateDate", stored.toString());
        assertThat(exif).doesNotContain("2020");
        // faststart: the index (moov) comes before the media data (mdat).
        var text = new String(served.body(), 0, Math.min(served.body().length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf("moov")).isPositive().isLessThan(Math.max(text.indexOf("mdat"), Integer.MAX_VALUE));

        var range = http.fetch(url, Map.of("Range", "bytes=0-99"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 0-99/" + served.body().length);
        assertThat(range.raw().headers().firstValueAsLong("Content-Length")).hasValue(100);
        var poster = http.fetchBytes(url.replace("/original?", "/thumb?"));
        assertThat(poster.statusCode()).isEqualTo(404);
        assertNoTemporaryFiles();
    }

    @Test
    void heicPhotosAndWebmVideosAreAccepted() throws Exception {
        var user = person("phone");
        var heic = http.upload(user.token(), TestMedia.heic(tmp), "image/jpeg");
        assertThat(heic.status()).as(heic.toString()).isEqualTo(201);
        assertThat(heic.json().get("kind").asText()).isEqualTo("image");
        assertThat(heic.json().get("width").asInt()).isEqualTo(256);

        var webm = http.upload(user.token(), TestMedia.webm(tmp), "video/webm");
        assertThat(webm.status()).as(webm.toString()).isEqualTo(201);
        var stored = http.fetchBytes(servedUrlOf(user, webm.json().get("id").asText(), "original"));
        var file = tmp.resolve("from-webm.mp4");
        Files.write(file, stored.body());
        assertThat(TestMedia.run("ffprobe", "-v", "error", "-show_streams", file.toString())).contains("codec_name=h264");
    }

    /// Browsers record WebM as a stream, with no duration in the file: measured after conversion.
    @Test
    void aBrowserRecordingWithoutDurationIsMeasuredAndStillHeldToTheLimit() throws Exception {
        var user = person("recorder");
        var clip = TestMedia.streamedWebm(tmp, 3);
        assertThat(TestMedia.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                tmp.resolve("streamed-3.webm").toString()).strip()).isEqualTo("N/A");
        var recorded = http.upload(user.token(), clip, "video/webm");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().get("durationMs").asLong()).isBetween(2_500L, 3_500L);

        var tooLong = http.upload(user.token(), TestMedia.streamedWebm(tmp, 75), "video/webm");
        assertProblem(tooLong, 413);
        assertNoTemporaryFiles();
    }

    @Test
    void aPngClaiming100000By100000IsRefusedAtOnceWithoutDecoding() throws Exception {
        var user = person("bomber");
        var bomb = TestMedia.pngClaiming(100_000, 100_000);
        http.upload(user.token(), TestMedia.noisyJpeg(64, 64), "image/jpeg"); // warm the path up
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            var started = System.nanoTime();
            var response = http.upload(user.token(), bomb, "image/png");
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
            assertProblem(response, 413);
            assertThat(response.json().get("detail").asText()).contains("100000");
        }
        assertThat(best).as("milliseconds to refuse the bomb").isLessThan(100);
        assertNoTemporaryFiles();
    }

    @Test
    void brokenOrForeignFilesGetAClearProblemAndLeaveNothingBehind() throws Exception {
        var user = person("prankster");
        var before = blobCount();
        var jpeg = TestMedia.noisyJpeg(800, 600);
        var truncated = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        assertProblem(http.upload(user.token(), truncated, "image/jpeg"), 415);
        assertProblem(http.upload(user.token(), "I am not a photo, just text".getBytes(), "image/jpeg"), 415);
        assertProblem(http.upload(user.token(), TestMedia.zip(), "image/jpeg"), 415);
        assertProblem(http.upload(user.token(), TestMedia.mp4WithBrokenMoov(tmp), "video/mp4"), 415);
        var tooLong = http.upload(user.token(), TestMedia.longVideo(tmp, 71), "video/mp4");
        assertProblem(tooLong, 413);
        assertThat(tooLong.json().get("detail").asText()).contains("60 s");
        assertProblem(http.upload(user.token(), new byte[0], "image/jpeg"), 400);
        assertProblem(http.upload(null, jpeg, "image/jpeg"), 401);
        assertThat(blobCount()).isEqualTo(before);
        assertNoTemporaryFiles();
    }

    @Test
    void overTheSizeLimitIs413AsSoonAsItIsCrossed() throws Exception {
        var user = person("heavy");
        var big = new byte[26 * 1024 * 1024];
        var jpeg = TestMedia.noisyJpeg(16, 16);
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);
        var response = http.upload(user.token(), big, "image/jpeg");
        assertProblem(response, 413);
        assertThat(response.json().get("detail").asText()).contains("25 MB");
        assertNoTemporaryFiles();
    }

    @Test
    void multipartUploadsWorkToo() throws Exception {
        var user = person("former");
        var boundary = "pastelboundary42";
        var jpeg = TestMedia.noisyJpeg(120, 80);
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes());
        body.writeBytes(jpeg);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
        var response = http.send("POST", "media", user.token(), body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("width").asInt()).isEqualTo(120);
    }

    @Test
    void anUnattachedUploadIsDeletedAfterOneHour() throws Exception {
        var user = person("forgetful");
        var before = blobCount();
        var uploaded = http.upload(user.token(), TestMedia.noisyJpeg(100, 100), "image/jpeg");
        var id = uploaded.json().get("id").asText();
        assertThat(blobCount()).isEqualTo(before + 2);
        clock.advance(Duration.ofMinutes(59));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", id)).isOne();
        clock.advance(Duration.ofMinutes(2));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", id)).isZero();
        assertThat(blobCount()).isEqualTo(before);
        assertThat(blobExists(id)).isFalse();
    }

    @Test
    void theBlobsAreInTheStoreThisRunNames() {
        assertThat(onS3).isEqualTo(databaseKind == pastel.support.TestDatabase.POSTGRES);
        assertThat(app.blobs()).isInstanceOf(onS3 ? pastel.blob.S3BlobStore.class : pastel.blob.FileBlobStore.class);
    }

    @Test
    void orphanBlobsLeftByACrashAreReconciledAway() throws Exception {
        clock.advance(MediaService.ORPHAN_SWEEP_EVERY); // the orphan sweep runs hourly
        // A crash between blob write and row insert, 11 minutes ago (past the 10-minute grace)...
        var orphan = pastel.db.Ids.newId(clock.millis() - Duration.ofMinutes(11).toMillis());
        // ...and an upload in flight, written a minute ago, whose row is not there yet.
        var inFlight = pastel.db.Ids.newId(clock.millis() - Duration.ofMinutes(1).toMillis());
        for (var key : java.util.List.of(orphan, inFlight)) {
            var file = Files.createTempFile(app.blobs().incoming(), "orphan", ".tmp");
            Files.writeString(file, "left behind by a crash between blob write and row insert");
            app.blobs().put(key, file);
        }
        var kept = uploadPhoto(person("keeper"));
        app.sweeper().sweepNow();
        assertThat(blobExists(orphan)).isFalse();
        assertThat(blobExists(inFlight)).isTrue();
        assertThat(blobExists(kept)).isTrue();
        assertThat(blobExists(kept + ".thumb")).isTrue();
    }
}
