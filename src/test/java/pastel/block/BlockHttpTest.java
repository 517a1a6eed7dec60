package pastel.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class BlockHttpTest extends ServerTest {

    @Test
    void blockingEndsFriendshipAndHidesBothAccountsFromEachOther() {
        var kim = person("kim");
        var lou = person("lou");
        var id = http.post("friends/requests", kim.token(), Map.of("username", lou.username())).json().get("id").asText();
        http.post("friends/requests/" + id + "/accept", lou.token(), null);

        assertThat(http.post("blocks", kim.token(), Map.of("username", lou.username())).status()).isEqualTo(204);

        assertThat(http.get("friends", kim.token()).json()).isEmpty();
        assertThat(http.get("friends", lou.token()).json()).isEmpty();
        assertProblem(http.get("accounts/" + kim.username(), lou.token()), 404);
        assertProblem(http.get("accounts/" + lou.username(), kim.token()), 404);
        assertProblem(http.post("friends/requests", lou.token(), Map.of("username", kim.username())), 404);
        assertProblem(http.post("friends/requests", kim.token(), Map.of("username", lou.username())), 404);
        assertThat(http.get("blocks", kim.token()).json().findValuesAsText("username")).containsExactly(lou.username());

        assertThat(http.delete("blocks/" + lou.username(), kim.token()).status()).isEqualTo(204);
        assertThat(http.get("accounts/" + kim.username(), lou.token()).status()).isEqualTo(200);
        // Unblocking does not bring the friendship back.
        assertThat(http.get("friends", kim.token()).json()).isEmpty();
    }

    @Test
    void blockingEndsSubscriptionsAndPendingRequestsBothWays() {
        var fan = person("fan");
        var shop = official("shop", "business", "Toulouse");
        http.put("subscriptions/" + shop.username(), fan.token());
        assertThat(http.get("accounts/" + shop.username(), null).json().get("subscriberCount").asLong()).isOne();

        assertThat(http.post("blocks", shop.token(), Map.of("username", fan.username())).status()).isEqualTo(204);
        assertThat(http.get("accounts/" + shop.username(), null).json().get("subscriberCount").asLong()).isZero();
        assertThat(http.get("subscriptions", fan.token()).json()).isEmpty();
        assertProblem(http.put("subscriptions/" + shop.username(), fan.token()), 404);
        assertThat(http.get("discover?q=" + shop.username(), fan.token()).json()).isEmpty();
        assertThat(http.get("discover?q=" + shop.username(), null).json()).hasSize(1);

        var mia = person("mia");
        var ned = person("ned");
        http.post("friends/requests", mia.token(), Map.of("username", ned.username()));
        http.post("blocks", ned.token(), Map.of("username", mia.username()));
        assertThat(http.get("friends/requests", mia.token()).json().get("outgoing")).isEmpty();
    }

    @Test
    void blockingYourselfOrNobodyIsRefused() {
        var oli = person("oli");
        assertProblem(http.post("blocks", oli.token(), Map.of("username", oli.username())), 400);
        assertProblem(http.post("blocks", oli.token(), Map.of("username", "nobody_at_all")), 404);
        assertProblem(http.post("blocks", oli.token(), Map.of()), 400);
    }
}
