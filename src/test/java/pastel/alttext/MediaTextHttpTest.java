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
