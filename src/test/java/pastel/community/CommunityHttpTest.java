package pastel.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class CommunityHttpTest extends ServerTest {

    @Test
    void submissionsAreModeratedAndApprovedOnesShow24HoursWithTheirCredit() throws Exception {
        var city = official("ourstory", "city", "Toulouse");
        var resident = person("resident");
        var shy = person("shy");
        var rude = person("rude");

        var credited = http.post("accounts/" + city.username() + "/community/submissions", resident.token(),
                Map.of("mediaId", uploadPhoto(resident), "caption", "Capitole at night"));
        assertThat(credited.status()).as(credited.toString()).isEqualTo(201);
        var anonymous = http.post("accounts/" + city.username() + "/community/submissions", shy.token(),
                Map.of("mediaId", uploadPhoto(shy), "anonymous", true));
        var rejectedMedia = uploadPhoto(rude);
        var rejected = http.post("accounts/" + city.username() + "/community/submissions", rude.token(),
                Map.of("mediaId", rejectedMedia));

        assertProblem(http.get("accounts/" + city.username() + "/community/submissions", resident.token()), 403);
        var queue = http.get("accounts/" + city.username() + "/community/submissions?status=pending", city.token());
        assertThat(queue.json()).hasSize(3);
        assertThat(queue.json().findValuesAsText("id")).contains(credited.json().get("id").asText());

        var base = "accounts/" + city.username() + "/community/submissions/";
        assertThat(http.post(base + credited.json().get("id").asText() + "/approve", city.token(), null).status()).isEqualTo(204);
        assertThat(http.post(base + anonymous.json().get("id").asText() + "/approve", city.token(), null).status()).isEqualTo(204);
        assertThat(http.post(base + rejected.json().get("id").asText() + "/reject", city.token(), null).status()).isEqualTo(204);
        assertProblem(http.post(base + rejected.json().get("id").asText() + "/approve", city.token(), null), 409);
        assertThat(Files.exists(blobFile(rejectedMedia))).as("rejected media deleted at once").isFalse();

        var community = http.get("accounts/" + city.username() + "/community", null).json();
        assertThat(community).hasSize(2);
        assertThat(community.findValuesAsText("caption")).contains("Capitole at night");
        assertThat(community.get(0).get("credit").asText()).isEqualTo(resident.username());
        assertThat(community.get(1).get("credit").isNull()).isTrue();
        assertThat(http.get("accounts/" + city.username() + "/audit", city.token()).json().findValuesAsText("action"))
                .contains("submission.approve", "submission.reject");

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        app.sweeper().sweepNow();
        assertThat(http.get("accounts/" + city.username() + "/community", null).json()).isEmpty();
        assertProblem(http.post("accounts/" + resident.username() + "/community/submissions", shy.token(),
                Map.of("mediaId", uploadPhoto(shy))), 404);
    }
}
