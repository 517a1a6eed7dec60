package pastel.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class TeamHttpTest extends ServerTest {

    @Test
    void aManagerPostsForTheAccountTheAuditNamesThemAndARevokedManagerIsRefused() {
        var city = official("toulouse", "city", "Toulouse");
        var manager = person("cm");
        var outsider = person("outsider");

        assertProblem(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), outsider.token(),
                Map.of("role", "manager")), 403);
        assertProblem(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(),
                Map.of("role", "owner")), 400);
        assertThat(http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(),
                Map.of("role", "manager")).status()).isEqualTo(204);

        var posted = http.post("stories", manager.token(), Map.of("mediaId", uploadPhoto(manager), "account", city.username()));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("account").asText()).isEqualTo(city.username());
        var itemId = posted.json().get("id").asText();
        var story = http.get("accounts/" + city.username() + "/stories", null).json();
        assertThat(story.findValuesAsText("id")).containsExactly(itemId);
        assertThat(story.get(0).get("postedBy").isNull()).as("visitors are not told who posted").isTrue();
        assertThat(http.get("accounts/" + city.username() + "/stories", city.token()).json().get(0).get("postedBy").asText())
                .isEqualTo(manager.username());

        var audit = http.get("accounts/" + city.username() + "/audit", manager.token());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json()).anySatisfy(entry -> {
            assertThat(entry.get("actor").asText()).isEqualTo(manager.username());
            assertThat(entry.get("action").asText()).isEqualTo("story.post");
            assertThat(entry.get("target").asText()).isEqualTo(itemId);
        });
        assertThat(audit.json()).anySatisfy(entry -> assertThat(entry.get("action").asText()).isEqualTo("team.grant"));
        assertProblem(http.get("accounts/" + city.username() + "/audit", outsider.token()), 403);
        assertThat(http.get("accounts/" + city.username() + "/team", city.token()).json().findValuesAsText("username"))
                .containsExactly(manager.username());
        assertThat(http.get("accounts/" + city.username() + "/insights/summary", manager.token()).status()).isEqualTo(200);

        // A manager cannot grant; only the owner can.
        assertProblem(http.send("PUT", "accounts/" + city.username() + "/team/" + outsider.username(), manager.token(),
                Map.of("role", "manager")), 403);

        assertThat(http.delete("accounts/" + city.username() + "/team/" + manager.username(), city.token()).status())
                .isEqualTo(204);
        var refused = http.post("stories", manager.token(), Map.of("mediaId", uploadPhoto(manager), "account", city.username()));
        assertThat(refused.status()).isIn(403, 404);
        assertThat(http.get("accounts/" + city.username() + "/insights/summary", manager.token()).status()).isIn(403, 404);
        assertThat(http.delete("stories/" + itemId, manager.token()).status()).isIn(403, 404);
    }
}
