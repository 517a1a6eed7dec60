package pastel.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class SubscriptionHttpTest extends ServerTest {

    private static long subscribers(User account) {
        return http.get("accounts/" + account.username(), null).json().get("subscriberCount").asLong();
    }

    @Test
    void subscribingIsIdempotentAndCounted() {
        var city = official("mairie", "city", "Toulouse");
        var pat = person("pat");
        assertThat(http.put("subscriptions/" + city.username(), pat.token()).status()).isEqualTo(204);
        assertThat(subscribers(city)).isOne();
        assertThat(http.put("subscriptions/" + city.username(), pat.token()).status()).isEqualTo(204);
        assertThat(subscribers(city)).isOne();

        var list = http.get("subscriptions", pat.token()).json();
        assertThat(list.findValuesAsText("username")).containsExactly(city.username());
        assertThat(list.get(0).get("category").asText()).isEqualTo("city");

        assertThat(http.delete("subscriptions/" + city.username(), pat.token()).status()).isEqualTo(204);
        assertThat(subscribers(city)).isZero();
        assertThat(http.delete("subscriptions/" + city.username(), pat.token()).status()).isEqualTo(204);
    }

    @Test
    void onlyPublicAccountsCanBeSubscribedTo() {
        var quinn = person("quinn");
        var ray = person("ray");
        assertProblem(http.put("subscriptions/" + ray.username(), quinn.token()), 404);
        assertProblem(http.put("subscriptions/nobody_there", quinn.token()), 404);
        var city = official("ownhall", "city", "Rodez");
        assertProblem(http.put("subscriptions/" + city.username(), city.token()), 409);
        assertProblem(http.put("subscriptions/" + city.username(), null), 401);
    }
}
