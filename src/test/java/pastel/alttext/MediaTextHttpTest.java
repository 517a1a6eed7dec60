package pastel.alttext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestConfig;
import pastel.support.TestMedia;

/// Accessible content on both databases: a story item's text alternative (kept, edited by the
/// poster and the team, required of official accounts by default) is the image's `alt` on the
/// public page; a video's WebVTT captions are checked, served as its `<track>` through a signed
/// link like its pictures, and go with the item.
class MediaTextHttpTest extends ServerTest {
    private static final String VTT = """
            WEBVTT

            00:00.000 --> 00:01.500
            Bienvenue au Capitole

            00:01.500 --> 00:02.000
            <v Maire>Bonne fête !
            """;

    @Test
    void anItemsTextAlternativeIsItsAltOnThePublicPageAndTheTeamCanEditIt() {
        var city = official("altcity", "city", "Toulouse");
        var manager = person("altmanager");
        assertThat(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(),
                Map.of("role", "manager")).status()).isEqualTo(204);
        var alt = "A crowd dancing on the Capitole square at night, under pink lights";
        var posted = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "caption", "Fête", "alt", alt));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var id = posted.json().get("id").asText();
        assertThat(page(city.username())).contains("alt=\"" + alt + "\"");

        var tooLong = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "alt", "x".repeat(1501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("alt");

        var edited = http.patch("stories/" + id, manager.token(), Map.of("alt", "Dancers & lights <on> the square"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("alt").asText()).isEqualTo("Dancers & lights <on> the square");
        assertThat(page(city.username())).contains("alt=\"Dancers &amp; lights &lt;on&gt; the square\"");
        assertThat(http.patch("stories/" + id, city.token(), Map.of("alt", "The square")).status()).isEqualTo(200);
        assertThat(http.patch("stories/" + id, person("altstranger").token(), Map.of("alt", "mine now")).status()).isEqualTo(404);
        assertThat(page(city.username())).contains("alt=\"The square\"");
    }

    @Test
    void aVideosCaptionsAreCheckedServedAsATrackAndGoWithTheItem() throws Exception {
        var city = official("vttcity", "city", "Albi");
        var dir = Files.createTempDirectory("vtt");
        var uploaded = http.upload(city.token(), TestMedia.mp4WithLocation(dir, 2), "video/mp4");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var mediaId = uploaded.json().get("id").asText();

        assertThat(captions(city, mediaId, "00:00.000 --> 00:01.000\nno header").json().at("/errors/0/code").asText()).isEqualTo("no-header");
        assertThat(captions(city, mediaId, "WEBVTT\n\nno cue at all").json().at("/errors/0/code").asText()).isEqualTo("no-cue");
        assertThat(captions(city, mediaId, "WEBVTT\n\n00:00.000 --> 0:01.000\nbad time").json().at("/errors/0/code").asText()).isEqualTo("bad-timing");
        assertThat(captions(city, mediaId, "WEBVTT\n\n00:02.000 --> 00:01.000\nbackwards").json().at("/errors/0/code").asText()).isEqualTo("bad-timing");
        var latin1 = http.send("PUT", "media/" + mediaId + "/captions", city.token(),
                "WEBVTT\n\n00:00.000 --> 00:01.000\nF\u00eate".getBytes(StandardCharsets.ISO_8859_1), Map.of("Content-Type", "text/vtt"));
        assertThat(latin1.json().at("/errors/0/code").asText()).isEqualTo("not-utf8");
        assertThat(captions(city, mediaId, "WEBVTT\n\n00:00.000 --> 00:01.000\n" + "a".repeat(70_000)).status()).isEqualTo(413);
        assertThat(captions(person("vttother"), mediaId, VTT).status()).isEqualTo(404);
        assertThat(captions(city, uploadPhoto(city), VTT).json().at("/errors/0/code").asText()).isEqualTo("not-a-video");
        assertThat(captions(city, mediaId, VTT).status()).isEqualTo(204);

        var posted = http.post("stories", city.token(), Map.of("mediaId", mediaId, "alt", "The mayor welcomes the crowd"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var html = page(city.username());
        var track = Pattern.compile("<track kind=\"captions\" src=\"([^\"]+)\"").matcher(html);
        assertThat(track.find()).as(html).isTrue();
        var url = track.group(1).replace("&amp;", "&");
        assertThat(html).contains("aria-label=\"The mayor welcomes the crowd\"");
        var served = http.fetch(url, Map.of());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("text/vtt");
        assertThat(served.body()).isEqualTo(VTT);
        assertThat(served.header("Cache-Control")).contains("no-store");

        // Deleted early by its poster: the captions and the alt go with the media, bytes and row.
        assertThat(http.delete("stories/" + posted.json().get("id").asText(), city.token()).status()).isEqualTo(204);
        clock.advance(Duration.ofSeconds(30));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", mediaId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM media_text WHERE media_id = ?", mediaId)).isZero();
        assertThat(http.fetch(url, Map.of()).status()).isIn(404, 410);
    }

    @Test
    void theAltAndCaptionsGivenBeforeAGeofilterIsDrawnAreOnWhatIsPosted() throws Exception {
        var city = official("geoaltcity", "city", "Toulouse");
        verify(city);
        var filter = geofilter(city);
        var video = http.upload(city.token(), TestMedia.mp4WithLocation(Files.createTempDirectory("vtt"), 2), "video/mp4")
                .json().get("id").asText();
        assertThat(captions(city, video, VTT).status()).isEqualTo(204);
        var posted = http.post("stories", city.token(), Map.of("mediaId", video, "alt", "Fireworks over the Garonne",
                "geofilterId", filter));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var photo = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city), "alt", "The Capitole at dawn",
                "geofilterId", filter));
        assertThat(photo.status()).as(photo.toString()).isEqualTo(201);

        var html = page(city.username());
        assertThat(html).contains("aria-label=\"Fireworks over the Garonne\"").contains("alt=\"The Capitole at dawn\"");
        var track = Pattern.compile("<track kind=\"captions\" src=\"([^\"]+)\"").matcher(html);
        assertThat(track.find()).as(html).isTrue();
        assertThat(http.fetch(track.group(1).replace("&amp;", "&"), Map.of()).body()).isEqualTo(VTT);
        // The texts of the upload the geofilter was drawn on went with it.
        assertThat(count("SELECT COUNT(*) FROM media_text WHERE media_id = ?", video)).isZero();
    }

    @Test
    void captionsWithANulOrATimeBeyondAnyVideoAreRefusedAsTheField() throws Exception {
        var city = official("vttbad", "city", "Albi");
        var video = http.upload(city.token(), TestMedia.mp4WithLocation(Files.createTempDirectory("vtt"), 1), "video/mp4")
                .json().get("id").asText();
        var huge = captions(city, video, "WEBVTT\n\n00:00.000 --> 99999999999999999999999:00:01.000\nforever");
        assertProblem(huge, 400);
        assertThat(huge.json().at("/errors/0/field").asText()).isEqualTo("captions");
        assertThat(huge.json().at("/errors/0/code").asText()).isEqualTo("bad-timing");
        var overflow = captions(city, video, "WEBVTT\n\n00:00.000 --> 9999999999999999:00:01.000\nforever");
        assertThat(overflow.json().at("/errors/0/code").asText()).as(overflow.toString()).isEqualTo("bad-timing");
        var nul = captions(city, video, "WEBVTT\n\n00:00.000 --> 00:01.000\nnul\u0000here");
        assertProblem(nul, 400);
        assertThat(nul.json().at("/errors/0/field").asText()).isEqualTo("captions");
        assertThat(count("SELECT COUNT(*) FROM media_text WHERE media_id = ?", video)).isZero();
    }

    @Test
    void whatAVideoSaysChangesOnlyBeforeItIsUsedThenWithTheTeamOfTheStoryShowingIt() throws Exception {
        var city = official("vttteam", "city", "Pau");
        var ana = person("vttana");
        var bo = person("vttbo");
        befriend(ana, bo);
        var dir = Files.createTempDirectory("vtt");

        // Submitted, approved: the city's community story shows what its team approved.
        var submitted = http.upload(ana.token(), TestMedia.mp4WithLocation(dir, 1), "video/mp4").json().get("id").asText();
        assertThat(captions(ana, submitted, VTT).status()).isEqualTo(204);
        var submission = http.post("accounts/" + city.username() + "/community/submissions", ana.token(),
                Map.of("mediaId", submitted));
        assertThat(submission.status()).as(submission.toString()).isEqualTo(201);
        assertThat(captions(ana, submitted, "WEBVTT\n\n00:00.000 --> 00:01.000\nnot what was moderated").status())
                .isEqualTo(409);
        assertThat(http.post("accounts/" + city.username() + "/community/submissions/" + submission.json().get("id").asText()
                + "/approve", city.token(), null).status()).isEqualTo(204);
        var swapped = captions(ana, submitted, "WEBVTT\n\n00:00.000 --> 00:01.000\nnot what was approved");
        assertProblem(swapped, 409);
        assertThat(captions(bo, submitted, VTT).status()).isEqualTo(404);
        assertThat(captions(city, submitted, "WEBVTT\n\n00:00.000 --> 00:01.000\nWorded by the city").status()).isEqualTo(204);
        String worded = app.database().jdbi().withHandle(h -> h.createQuery("SELECT captions FROM media_text WHERE media_id = :m")
                .bind("m", submitted).mapTo(String.class).one());
        assertThat(worded).contains("Worded by the city");

        // Sent as a snap: what the friend opens does not change afterwards.
        var snapped = http.upload(ana.token(), TestMedia.mp4WithLocation(dir, 1), "video/mp4").json().get("id").asText();
        var sent = http.post("snaps", ana.token(), Map.of("mediaId", snapped, "to", java.util.List.of(bo.username()),
                "viewSeconds", 5));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertProblem(captions(ana, snapped, VTT), 409);

        // Her own story: hers to change, as its alt.
        var storied = http.upload(ana.token(), TestMedia.mp4WithLocation(dir, 1), "video/mp4").json().get("id").asText();
        assertThat(http.post("stories", ana.token(), Map.of("mediaId", storied)).status()).isEqualTo(201);
        assertThat(captions(ana, storied, VTT).status()).isEqualTo(204);
        assertThat(captions(bo, storied, VTT).status()).isEqualTo(404);
    }

    @Test
    void aFriendsStoryGivesItsAltAndCaptionsToItsFriendsOnlyAndOnlyWhileTheyAreFriends() throws Exception {
        var ana = person("altana");
        var bo = person("altbo");
        befriend(ana, bo);
        var video = http.upload(ana.token(), TestMedia.mp4WithLocation(Files.createTempDirectory("vtt"), 1), "video/mp4")
                .json().get("id").asText();
        assertThat(captions(ana, video, VTT).status()).isEqualTo(204);
        assertThat(http.post("stories", ana.token(), Map.of("mediaId", video, "alt", "My cat asleep on the keyboard"))
                .status()).isEqualTo(201);

        var items = http.get("accounts/" + ana.username() + "/stories", bo.token());
        assertThat(items.status()).as(items.toString()).isEqualTo(200);
        assertThat(items.json().get(0).get("alt").asText()).isEqualTo("My cat asleep on the keyboard");
        var captionsUrl = items.json().get(0).get("captionsUrl").asText();
        assertThat(http.fetch(captionsUrl, Map.of()).body()).isEqualTo(VTT);
        assertThat(http.get("accounts/" + ana.username() + "/stories", null).json()).isEmpty();
        assertThat(http.get("accounts/" + ana.username() + "/stories", person("altstranger").token()).json()).isEmpty();

        assertThat(http.delete("friends/" + ana.username(), bo.token()).status()).isEqualTo(204);
        // A lost right stops a URL within 1 s.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.fetch(captionsUrl, Map.of()).status() == 404);
    }

    private static String geofilter(User city) throws Exception {
        var png = http.upload(city.token(), TestMedia.transparentPng(1080, 1920), "image/png").json().get("id").asText();
        var starts = clock.instant().minusSeconds(60);
        var ring = java.util.List.of(java.util.List.of(1.43, 43.59), java.util.List.of(1.45, 43.59),
                java.util.List.of(1.45, 43.61), java.util.List.of(1.43, 43.61), java.util.List.of(1.43, 43.59));
        var created = http.post("accounts/" + city.username() + "/geofilters", city.token(), Map.of("mediaId", png,
                "name", "Capitole", "area", Map.of("type", "Polygon", "coordinates", java.util.List.of(ring)),
                "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofDays(1)).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void officialAccountsMustDescribeWhatTheyPostUnlessTheOperatorSaysOtherwise() {
        // The default (on), on a server of its own: the shared test server turns the rule off.
        var opened = databaseKind.open();
        try (var strict = App.start(TestConfig.of(opened.dataDir(), "PASTEL_REQUIRE_ALT", "true"), clock, opened.database())) {
            var http = new Http(strict.port());
            var form = new java.util.LinkedHashMap<String, Object>(Map.of("username", uniqueName("strictcity"), "password", PASSWORD,
                    "displayName", "Strict", "birthDate", bornYearsAgo(30).toString(), "kind", "public", "category", "city",
                    "city", "Pau"));
            assertThat(http.post("accounts", null, form).status()).isEqualTo(201);
            var token = http.post("sessions", null, Map.of("username", form.get("username"), "password", PASSWORD)).json().get("token").asText();
            var missing = http.post("stories", token, Map.of("mediaId", upload(http, token), "caption", "no description"));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("alt");
            assertThat(missing.json().at("/errors/0/code").asText()).isEqualTo("required");
            assertThat(http.post("stories", token, Map.of("mediaId", upload(http, token), "alt", "The town hall")).status()).isEqualTo(201);

            var person = new java.util.LinkedHashMap<String, Object>(Map.of("username", uniqueName("strictperson"), "password", PASSWORD,
                    "displayName", "P", "birthDate", bornYearsAgo(20).toString()));
            assertThat(http.post("accounts", null, person).status()).isEqualTo(201);
            var personal = http.post("sessions", null, Map.of("username", person.get("username"), "password", PASSWORD)).json().get("token").asText();
            assertThat(http.post("stories", personal, Map.of("mediaId", upload(http, personal))).status()).isEqualTo(201);
        } finally {
            opened.cleanup().run();
        }
    }

    private static String upload(Http http, String token) {
        try {
            return http.upload(token, TestMedia.noisyJpeg(48, 64), "image/jpeg").json().get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Http.Response captions(User user, String mediaId, String vtt) {
        return http.send("PUT", "media/" + mediaId + "/captions", user.token(), vtt.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/vtt"));
    }

    private static String page(String username) {
        var page = http.send("GET", "/@" + username, null, null, Map.of("Accept", "text/html", "Accept-Language", "en"));
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }
}
