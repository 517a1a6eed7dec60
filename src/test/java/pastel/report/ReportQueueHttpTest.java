package pastel.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

/// The admins' report queue over HTTP, on both databases: what an admin sees of each reported
/// thing while it exists, deciding once, and nothing at all for anyone else.
class ReportQueueHttpTest extends ServerTest {

    private static JsonNode byId(JsonNode list, String id) {
        return StreamSupport.stream(list.spliterator(), false).filter(r -> r.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("report " + id + " not in " + list));
    }

    private static String file(User reporter, Map<String, Object> what) {
        var filed = http.post("reports", reporter.token(), what);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.json().get("status").asText()).isEqualTo("open");
        return filed.json().get("id").asText();
    }

    @Test
    void anAdminSeesWhatWasReportedWhileItExistsAndDecidesOnce() {
        var admin = person("queueadmin");
        makeAdmin(admin);
        var reporter = person("reporter");
        var troll = person("troll");
        befriend(reporter, troll);
        // A friends-only story item: the admin is no friend of the troll, yet must see what was reported.
        var item = http.post("stories", troll.token(), Map.of("mediaId", uploadPhoto(troll), "caption", "rude caption",
                "alt", "a rude gesture"));
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        var itemId = item.json().get("id").asText();
        var snap = http.post("snaps", troll.token(), Map.of("mediaId", uploadPhoto(troll), "to", List.of(reporter.username()),
                "viewSeconds", 3, "caption", "private words"));
        assertThat(snap.status()).as(snap.toString()).isEqualTo(201);
        var snapId = snap.json().get("id").asText();

        var aboutAccount = file(reporter, Map.of("username", troll.username(), "reason", "insults"));
        clock.advance(Duration.ofSeconds(1));
        var aboutItem = file(reporter, Map.of("storyId", itemId, "reason", "offensive story"));
        clock.advance(Duration.ofSeconds(1));
        var aboutSnap = file(reporter, Map.of("snapId", snapId, "reason", "harassing snap"));

        var queue = http.get("admin/reports", admin.token());
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        var ids = queue.json().findValuesAsText("id");
        assertThat(ids).containsSubsequence(aboutAccount, aboutItem, aboutSnap);

        var account = byId(queue.json(), aboutAccount);
        assertThat(account.get("reason").asText()).isEqualTo("insults");
        assertThat(account.get("reporter").asText()).isEqualTo(reporter.username());
        assertThat(account.get("account").get("username").asText()).isEqualTo(troll.username());
        assertThat(account.get("account").get("displayName").asText()).isEqualTo("troll");
        assertThat(account.get("account").get("kind").asText()).isEqualTo("personal");

        var story = byId(queue.json(), aboutItem).get("story");
        assertThat(story.get("account").asText()).isEqualTo(troll.username());
        assertThat(story.get("caption").asText()).isEqualTo("rude caption");
        assertThat(story.get("alt").asText()).isEqualTo("a rude gesture");
        var thumb = http.fetchBytes(story.get("thumbUrl").asText());
        assertThat(thumb.statusCode()).as("the reported friends-only item's thumbnail, for the admin").isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type").orElse("")).startsWith("image/");

        var snapReport = byId(queue.json(), aboutSnap);
        assertThat(snapReport.get("snap").get("from").asText()).isEqualTo(troll.username());
        assertThat(snapReport.get("snap").has("sentAt")).isTrue();
        assertThat(snapReport.toString()).as("nothing of a snap's content reaches the admin")
                .doesNotContain("private words").doesNotContain("/media/");

        // Nobody else learns the queue exists.
        assertProblem(http.get("admin/reports", reporter.token()), 404);
        assertProblem(http.post("admin/reports/" + aboutAccount + "/resolve", reporter.token(), null), 404);
        assertProblem(http.post("admin/reports/" + aboutAccount + "/dismiss", troll.token(), null), 404);
        assertProblem(http.get("admin/reports", null), 401);

        // Bad input.
        assertProblem(http.post("admin/reports/not-an-id/resolve", admin.token(), null), 404);
        assertProblem(http.post("admin/reports/01jzzzzzzzzzzzzzzzzzzzzzzz/resolve", admin.token(), null), 404);
        var badStatus = http.get("admin/reports?status=closed", admin.token());
        assertProblem(badStatus, 400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asText()).isEqualTo("status");

        // Deciding: once. A second decision, whichever, is 409 and says who decided.
        assertThat(http.post("admin/reports/" + aboutAccount + "/resolve", admin.token(), null).status()).isEqualTo(204);
        var again = http.post("admin/reports/" + aboutAccount + "/resolve", admin.token(), null);
        assertProblem(again, 409);
        assertThat(again.json().get("detail").asText()).contains(admin.username());
        assertProblem(http.post("admin/reports/" + aboutAccount + "/dismiss", admin.token(), null), 409);
        assertThat(http.post("admin/reports/" + aboutSnap + "/dismiss", admin.token(), null).status()).isEqualTo(204);

        assertThat(http.get("admin/reports", admin.token()).json().findValuesAsText("id"))
                .contains(aboutItem).doesNotContain(aboutAccount, aboutSnap);
        var resolved = byId(http.get("admin/reports?status=resolved", admin.token()).json(), aboutAccount);
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("decidedBy").asText()).isEqualTo(admin.username());
        assertThat(resolved.get("decidedAt").isNull()).isFalse();
        assertThat(byId(http.get("admin/reports?status=dismissed", admin.token()).json(), aboutSnap).get("decidedBy").asText())
                .isEqualTo(admin.username());

        // Once the item is gone, the report says what it was and shows nothing of it.
        assertThat(http.delete("stories/" + itemId, troll.token()).status()).isEqualTo(204);
        var gone = byId(http.get("admin/reports", admin.token()).json(), aboutItem);
        assertThat(gone.get("storyId").asText()).isEqualTo(itemId);
        assertThat(gone.get("story").isNull()).isTrue();
        assertThat(http.fetchBytes(story.get("thumbUrl").asText()).statusCode()).isIn(404, 410);
    }

    @Test
    void anAdminRejectsAPendingGeofilterAndItsTeamSeesIt() throws Exception {
        var admin = person("geoadmin");
        makeAdmin(admin);
        var shop = official("shop", "business", "Toulouse");
        var png = http.upload(shop.token(), TestMedia.transparentPng(120, 200), "image/png").json().get("id").asText();
        var area = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1.44, 43.60), List.of(1.45, 43.60),
                List.of(1.45, 43.61), List.of(1.44, 43.61), List.of(1.44, 43.60))));
        var starts = clock.instant();
        var created = http.post("accounts/" + shop.username() + "/geofilters", shop.token(), Map.of("mediaId", png,
                "name", "Soldes", "area", area, "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofDays(3)).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().get("id").asText();

        var pending = byId(http.get("admin/geofilters", admin.token()).json(), id);
        assertThat(pending.get("area").get("coordinates").get(0)).hasSize(5);
        assertThat(pending.get("account").asText()).isEqualTo(shop.username());

        assertProblem(http.post("admin/geofilters/" + id + "/reject", shop.token(), null), 404);
        assertProblem(http.post("admin/geofilters/nope/reject", admin.token(), null), 404);
        assertThat(http.post("admin/geofilters/" + id + "/reject", admin.token(), null).status()).isEqualTo(204);
        assertProblem(http.post("admin/geofilters/" + id + "/approve", admin.token(), null), 404);
        assertThat(http.get("admin/geofilters", admin.token()).json().findValuesAsText("id")).doesNotContain(id);
        assertThat(byId(http.get("accounts/" + shop.username() + "/geofilters", shop.token()).json(), id).get("status").asText())
                .isEqualTo("rejected");
        assertThat(http.get("geofilters?lat=43.605&lon=1.445", null).json().findValuesAsText("id")).doesNotContain(id);
    }
}
