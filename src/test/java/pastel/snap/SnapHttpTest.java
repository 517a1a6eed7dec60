package pastel.snap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

@pastel.support.BlobsOnS3
class SnapHttpTest extends ServerTest {



    private static Http.Response send(User from, String mediaId, int viewSeconds, User... to) {
        return http.post("snaps", from.token(), Map.of("mediaId", mediaId,
                "to", java.util.Arrays.stream(to).map(User::username).toList(), "viewSeconds", viewSeconds,
                "caption", "look!"));
    }


    @Test
    void theFullSnapWalk() throws Exception {
        var a = person("alice");
        var b = person("bob");
        var c = person("carol");
        befriend(a, b);
        befriend(a, c);
        var mediaId = uploadPhoto(a);
        var sent = send(a, mediaId, 5, b, c);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var snapId = sent.json().get("id").asText();
        assertThat(sent.json().get("recipients").findValuesAsText("status")).containsOnly("delivered");
        assertThat(blobExists(mediaId)).isTrue();

        var inbox = http.get("snaps/received", b.token());
        assertThat(inbox.json().get(0).get("id").asText()).isEqualTo(snapId);
        assertThat(inbox.json().get(0).get("from").asText()).isEqualTo(a.username());
        assertThat(inbox.json().get(0).get("kind").asText()).isEqualTo("image");
        assertThat(inbox.json().get(0).get("status").asText()).isEqualTo("new");
        assertThat(inbox.body()).doesNotContain("/media/");

        clock.advance(Duration.ofSeconds(30));
        var open = http.post("snaps/" + snapId + "/open", b.token(), null);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.json().get("viewSeconds").asInt()).isEqualTo(5);
        assertThat(open.json().get("caption").asText()).isEqualTo("look!");
        assertThat(open.json().get("replayAvailable").asBoolean()).isTrue();
        var url = open.json().get("mediaUrl").asText();
        assertThat(http.fetchBytes(url).statusCode()).isEqualTo(200);
        assertThat(http.get("snaps/received", b.token()).json().get(0).get("status").asText()).isEqualTo("opened");

        clock.advance(Duration.ofMinutes(2));
        var replay = http.post("snaps/" + snapId + "/replay", b.token(), null);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("replayAvailable").asBoolean()).isFalse();
        assertProblem(http.post("snaps/" + snapId + "/open", b.token(), null), 410);
        assertProblem(http.post("snaps/" + snapId + "/replay", b.token(), null), 410);
        assertThat(http.get("snaps/received", b.token()).json().get(0).get("status").asText()).isEqualTo("gone");

        var openC = http.post("snaps/" + snapId + "/open", c.token(), null);
        assertThat(openC.status()).isEqualTo(200);
        assertThat(http.post("snaps/" + snapId + "/screenshot", c.token(), null).status()).isEqualTo(204);

        var sentList = http.get("snaps/sent", a.token()).json();
        var recipients = sentList.get(0).get("recipients");
        var bStatus = recipients.get(recipients.get(0).get("username").asText().equals(b.username()) ? 0 : 1);
        var cStatus = recipients.get(recipients.get(0).get("username").asText().equals(b.username()) ? 1 : 0);
        assertThat(bStatus.get("status").asText()).isEqualTo("replayed");
        assertThat(bStatus.get("openedAt").asText()).isNotBlank();
        assertThat(bStatus.get("replayedAt").asText()).isNotBlank();
        assertThat(cStatus.get("status").asText()).isEqualTo("opened");
        assertThat(cStatus.get("screenshotAt").asText()).isNotBlank();
        assertThat(cStatus.get("deliveredAt").asText()).isNotBlank();

        // C's replay window is still open: the media must stay.
        clock.advance(Duration.ofMinutes(5));
        app.sweeper().sweepNow();
        assertThat(blobExists(mediaId)).isTrue();

        // Once C's window has passed, every view is used up: bytes and URLs are gone.
        clock.advance(Duration.ofMinutes(6));
        assertThat(http.fetchBytes(replay.json().get("mediaUrl").asText()).statusCode()).isIn(404, 410);
        app.sweeper().sweepNow();
        assertThat(blobExists(mediaId)).isFalse();
        assertThat(blobExists(mediaId + ".thumb")).isFalse();
        assertThat(count("SELECT COUNT(*) FROM media WHERE id = ?", mediaId)).isZero();
        assertThat(http.fetchBytes(url).statusCode()).isIn(404, 410);
        assertProblem(http.post("snaps/" + snapId + "/replay", c.token(), null), 410);
    }

    @Test
    void anUnopenedSnapIsDeletedAfterThirtyDaysAndAGroupSnapAfterOneDay() throws Exception {
        var a = person("sender");
        var b = person("away");
        var c = person("other");
        befriend(a, b);
        befriend(a, c);
        var single = uploadPhoto(a);
        var singleSnap = send(a, single, 3, b).json().get("id").asText();
        var group = uploadPhoto(a);
        send(a, group, 3, b, c);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        app.sweeper().sweepNow();
        assertThat(blobExists(group)).isFalse();
        assertThat(blobExists(single)).isTrue();

        clock.advance(Duration.ofDays(30));
        app.sweeper().sweepNow();
        assertThat(blobExists(single)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM snap WHERE id = ?", singleSnap)).isZero();
        assertThat(count("SELECT COUNT(*) FROM snap_recipient WHERE snap_id = ?", singleSnap)).isZero();
        var back = signIn(b.username()); // 31 days away: the old session expired too
        assertProblem(http.post("snaps/" + singleSnap + "/open", back, null), 404);
        assertThat(http.get("snaps/received", back).json()).isEmpty();
    }

    @Test
    void twoConcurrentOpensGiveExactlyOneSuccess() throws Exception {
        var a = person("racer");
        var b = person("double");
        befriend(a, b);
        var snapId = send(a, uploadPhoto(a), 5, b).json().get("id").asText();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 8; i++) calls.add(() -> http.post("snaps/" + snapId + "/open", b.token(), null).status());
            var statuses = new ArrayList<Integer>();
            for (var future : pool.invokeAll(calls)) statuses.add(future.get());
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 410).hasSize(7);
        }
    }

    @Test
    void onlyFriendsReceiveSnapsAndBlockedAccountsNeither() throws Exception {
        var a = person("picky");
        var stranger = person("stranger");
        var friend = person("friend");
        befriend(a, friend);
        var mediaId = uploadPhoto(a);
        assertProblem(send(a, mediaId, 3, stranger), 403);
        http.post("blocks", friend.token(), Map.of("username", a.username()));
        assertProblem(send(a, mediaId, 3, friend), 404);
        // The refused sends did not consume the upload.
        var other = person("other");
        befriend(a, other);
        assertThat(send(a, mediaId, 3, other).status()).isEqualTo(201);
        // ...but it can only be used once.
        assertProblem(send(a, mediaId, 3, other), 404);
    }

    @Test
    void sendingRulesAreCheckedPerField() {
        var a = person("rules");
        var b = person("ruled");
        befriend(a, b);
        var mediaId = uploadPhoto(a);
        var noLimit = http.post("snaps", a.token(), Map.of("mediaId", mediaId, "to", List.of(b.username()), "viewSeconds", 11));
        assertProblem(noLimit, 400);
        assertThat(noLimit.json().get("errors").get(0).get("field").asText()).isEqualTo("viewSeconds");
        var many = new ArrayList<String>();
        for (int i = 0; i < 17; i++) many.add("someone" + i);
        assertProblem(http.post("snaps", a.token(), Map.of("mediaId", mediaId, "to", many, "viewSeconds", 3)), 400);
        assertProblem(http.post("snaps", a.token(), Map.of("mediaId", mediaId, "to", List.of(), "viewSeconds", 3)), 400);
        assertProblem(http.post("snaps", a.token(), Map.of("mediaId", mediaId, "to", List.of(b.username()),
                "viewSeconds", 3, "caption", "x".repeat(251))), 400);
        assertProblem(http.post("snaps", a.token(), Map.of("mediaId", "01kt1a0f809q150rvgr6v2pdjd",
                "to", List.of(b.username()), "viewSeconds", 3)), 404);
        var someoneElses = uploadPhoto(b);
        assertProblem(http.post("snaps", a.token(), Map.of("mediaId", someoneElses, "to", List.of(b.username()),
                "viewSeconds", 0)), 404);
        assertThat(http.post("snaps", a.token(), Map.of("mediaId", mediaId, "to", List.of(b.username()), "viewSeconds", 0))
                .status()).isEqualTo(201);
    }

    @Test
    void mediaLinksAreRefusedWhenExpiredForgedOrForAnotherMedia() throws Exception {
        var a = person("linker");
        var b = person("linked");
        befriend(a, b);
        var first = send(a, uploadPhoto(a), 10, b).json().get("id").asText();
        var second = send(a, uploadPhoto(a), 10, b).json().get("id").asText();
        var url = http.post("snaps/" + first + "/open", b.token(), null).json().get("mediaUrl").asText();
        var otherUrl = http.post("snaps/" + second + "/open", b.token(), null).json().get("mediaUrl").asText();
        assertThat(http.fetchBytes(url).statusCode()).isEqualTo(200);

        // One byte of the signature changed.
        var sigAt = url.indexOf("sig=") + 4;
        var flipped = url.substring(0, sigAt) + (url.charAt(sigAt) == 'A' ? 'B' : 'A') + url.substring(sigAt + 1);
        assertThat(http.fetchBytes(flipped).statusCode()).isEqualTo(404);
        // The signature of one media on another media's id.
        var otherId = otherUrl.split("/")[2];
        var swapped = url.replace(url.split("/")[2], otherId);
        assertThat(http.fetchBytes(swapped).statusCode()).isEqualTo(404);
        // A later expiry without a matching signature.
        var exp = url.replaceAll(".*exp=(\\d+).*", "$1");
        assertThat(http.fetchBytes(url.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 3600))).statusCode()).isEqualTo(404);
        // After five minutes the link itself has expired.
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        var expired = http.fetch(url, Map.of());
        assertProblem(expired, 410);
    }

    @Test
    void screenshotsNeedAnOpenedSnapAndStrangersSeeNothing() throws Exception {
        var a = person("shooter");
        var b = person("shot");
        befriend(a, b);
        var snapId = send(a, uploadPhoto(a), 5, b).json().get("id").asText();
        assertProblem(http.post("snaps/" + snapId + "/screenshot", b.token(), null), 409);
        assertProblem(http.post("snaps/" + snapId + "/open", a.token(), null), 404);
        var nosy = person("nosy");
        assertProblem(http.post("snaps/" + snapId + "/open", nosy.token(), null), 404);
        assertProblem(http.post("snaps/" + snapId + "/replay", b.token(), null), 409);
    }

    @Test
    void deletingAnAccountDeletesItsMediaBytes() throws Exception {
        var a = person("goner");
        var b = person("keeper");
        befriend(a, b);
        var mediaId = uploadPhoto(a);
        send(a, mediaId, 5, b);
        var unattached = uploadPhoto(a);
        assertThat(blobExists(mediaId)).isTrue();
        assertThat(http.delete("me", a.token(), Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(blobExists(mediaId)).isFalse();
        assertThat(blobExists(unattached)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ?", a.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM snap WHERE sender_id = ?", a.id())).isZero();
        assertThat(http.get("snaps/received", b.token()).json()).isEmpty();
    }
}
