package pastel.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

/// What a community manager downloads for a mayor's report: one CSV file per table, each with a
/// header row, ISO dates, dot decimals (even on a French server) and RFC 4180 quoting; the per-item
/// numbers with a thumbnail while the item lives and without one after; and the story items'
/// text alternative and captions as the viewer plays them.
class InsightsExportHttpTest extends ServerTest {
    static final String VTT = "WEBVTT\n\n00:00.000 --> 00:01.500\nBonjour Toulouse\n";

    @Test
    void eachTableIsAFileOfItsOwnThatASpreadsheetOpensAsIs() throws Exception {
        var city = official("ville", "city", "Toulouse");
        var tricky = "Fête de la musique, \"ce soir\"\nplace du Capitole";
        var first = post(city, uploadPhoto(city), tricky, "The Capitole square at night");
        clock.advance(Duration.ofMinutes(1));
        post(city, uploadPhoto(city), "=HYPERLINK(\"http://evil\")", "A street");
        var viewer = person("resident");
        assertThat(http.put("subscriptions/" + city.username() + "?source=page", viewer.token()).status()).isEqualTo(204);
        assertThat(http.post("stories/" + first + "/views", viewer.token(), Map.of("watchedMs", 3200, "completed", true)).status())
                .isEqualTo(204);
        assertThat(http.post("stories/" + first + "/replies", viewer.token(), Map.of("text", "Super !")).status()).isEqualTo(201);
        assertThat(http.post("stories/" + first + "/screenshot", viewer.token(), null).status()).isEqualTo(204);

        var items = http.get("accounts/" + city.username() + "/insights/stories?days=28", city.token());
        assertThat(items.status()).as(items.toString()).isEqualTo(200);
        var item = items.json().get(0);
        assertThat(item.get("id").asText()).isEqualTo(first);
        assertThat(item.get("kind").asText()).isEqualTo("image");
        assertThat(item.get("caption").asText()).isEqualTo(tricky);
        assertThat(item.get("thumbnailUrl").asText()).contains("/thumb");
        assertThat(http.fetchBytes(item.get("thumbnailUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(item.get("replies").asLong()).isEqualTo(1);
        assertThat(item.get("screenshots").asLong()).isEqualTo(1);

        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var period = today.minusDays(27) + "_" + today;
        var previous = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE);
        try {
            var stories = csv(city, "stories", 28);
            assertThat(stories.header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"" + city.username() + "-stories-" + period + ".csv\"");
            assertThat(stories.body()).startsWith("item,postedAt,kind,caption,views,uniqueViewers,avgWatchSeconds,"
                    + "completionRate,screenshots,replies,deleted\r\n");
            var postedAt = item.get("postedAt").asText().replaceAll("\\.\\d+Z$", "Z");
            assertThat(stories.body()).contains(first + "," + postedAt + ",image,"
                    + "\"Fête de la musique, \"\"ce soir\"\"\nplace du Capitole\",1,1,3.2,1.0000,1,1,false\r\n");
            assertThat(stories.body()).contains(",image,\"'=HYPERLINK(\"\"http://evil\"\")\",0,0,,,0,0,false\r\n");
            // Without ?table the stories table comes, as documented.
            assertThat(http.get("accounts/" + city.username() + "/insights/export.csv?days=28", city.token()).body())
                    .isEqualTo(stories.body());

            var daily = csv(city, "daily", 28);
            var lines = daily.body().split("\r\n");
            assertThat(lines).hasSize(29);
            assertThat(lines[0]).isEqualTo("date,views,uniqueViewers,subscribersGained,subscribersLost");
            assertThat(lines[1]).startsWith(today.minusDays(27) + ",0,0,0,0");
            assertThat(lines[28]).isEqualTo(today + ",1,1,1,0");

            assertThat(csv(city, "audience", 28).body()).isEqualTo("breakdown,segment,people\r\n"
                    + "age,13-17,suppressed\r\nage,18-24,suppressed\r\nage,25-34,suppressed\r\nage,35+,suppressed\r\n"
                    + "subscription,subscribers,suppressed\r\nsubscription,others,suppressed\r\n");
            var summary = csv(city, "summary", 28).body();
            assertThat(summary).startsWith("metric,value\r\nfrom," + today.minusDays(27) + "\r\nto," + today + "\r\ndays,28\r\n");
            assertThat(summary).contains("\r\nviews,1\r\n", "\r\nuniqueViewers,1\r\n", "\r\nsubscribers,1\r\n",
                    "\r\navgWatchSeconds,3.2\r\n", "\r\ncompletionRate,1.0000\r\n");
            assertThat(csv(city, "sources", 28).body()).isEqualTo("source,campaign,subscriptions\r\npage,,1\r\n");
        } finally {
            Locale.setDefault(previous);
        }

        var unknown = http.get("accounts/" + city.username() + "/insights/export.csv?table=everything", city.token());
        assertProblem(unknown, 400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("table");
        assertProblem(http.get("accounts/" + city.username() + "/insights/export.csv?table=daily&days=91", city.token()), 400);
        assertProblem(http.get("accounts/" + city.username() + "/insights/export.csv?table=daily", viewer.token()), 403);

        // Deleted, the item keeps its numbers; its picture and caption are gone with it.
        assertThat(http.delete("stories/" + first, city.token()).status()).isEqualTo(204);
        var after = http.get("accounts/" + city.username() + "/insights/stories?days=28", city.token()).json().get(0);
        assertThat(after.get("id").asText()).isEqualTo(first);
        assertThat(after.get("views").asLong()).isEqualTo(1);
        assertThat(after.get("replies").asLong()).isEqualTo(1);
        assertThat(after.get("thumbnailUrl").isNull()).isTrue();
        assertThat(after.get("caption").isNull()).isTrue();
        assertThat(csv(city, "stories", 28).body()).contains(first + "," + item.get("postedAt").asText().replaceAll("\\.\\d+Z$", "Z")
                + ",,,1,1,3.2,1.0000,1,1,true\r\n");
    }

    @Test
    void storyItemsCarryTheirTextAlternativeAndAVideosCaptions() throws Exception {
        var city = official("mairie", "city", "Toulouse");
        var photo = post(city, uploadPhoto(city), "Marché", "Stalls of vegetables under plane trees");
        var dir = Files.createTempDirectory("captions");
        var video = http.upload(city.token(), TestMedia.mp4WithLocation(dir, 2), "video/mp4");
        assertThat(video.status()).as(video.toString()).isEqualTo(201);
        var videoId = video.json().get("id").asText();
        assertThat(http.send("PUT", "media/" + videoId + "/captions", city.token(), VTT.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/vtt")).status()).isEqualTo(204);
        var clip = post(city, videoId, "Le mot du maire", "The mayor speaking on a stage");

        for (var token : java.util.Arrays.asList(null, person("fan").token())) {
            var listed = http.get("accounts/" + city.username() + "/stories", token).json();
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(photo);
            assertThat(listed.get(0).get("alt").asText()).isEqualTo("Stalls of vegetables under plane trees");
            assertThat(listed.get(0).get("captionsUrl").isNull()).isTrue();
            assertThat(listed.get(1).get("id").asText()).isEqualTo(clip);
            assertThat(listed.get(1).get("alt").asText()).isEqualTo("The mayor speaking on a stage");
            var captions = http.fetch(listed.get(1).get("captionsUrl").asText(), Map.of());
            assertThat(captions.status()).isEqualTo(200);
            assertThat(captions.contentType()).startsWith("text/vtt");
            assertThat(captions.body()).contains("Bonjour Toulouse");
        }
    }

    private static String post(User city, String mediaId, String caption, String alt) {
        var posted = http.post("stories", city.token(), Map.of("mediaId", mediaId, "caption", caption, "alt", alt));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    private static pastel.support.Http.Response csv(User city, String table, int days) {
        var response = http.get("accounts/" + city.username() + "/insights/export.csv?days=" + days + "&table=" + table,
                city.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/csv; charset=utf-8");
        return response;
    }
}
