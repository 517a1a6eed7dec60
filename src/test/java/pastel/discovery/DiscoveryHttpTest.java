package pastel.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class DiscoveryHttpTest extends ServerTest {

    private static void subscribe(int count, User account) {
        for (int i = 0; i < count; i++) {
            var fan = person("fan");
            assertThat(http.put("subscriptions/" + account.username(), fan.token()).status()).isEqualTo(204);
        }
    }


    @Test
    void searchMatchesNameCategoryAndCityWithVerifiedFirst() {
        var tag = uniqueName("nimes").replace("_", "");
        var unverified = signUpOfficial(tag + "club", "Club de Nîmes " + tag, "association", "Nîmes");
        var verified = signUpOfficial(tag + "ville", "Ville de Nîmes " + tag, "city", "Nîmes");
        subscribe(2, unverified);
        verify(verified);

        var byName = http.get("discover?q=" + tag, null).json();
        assertThat(byName.findValuesAsText("username")).containsExactly(verified.username(), unverified.username());
        assertThat(byName.get(0).get("verified").asBoolean()).isTrue();
        assertThat(byName.get(1).get("subscriberCount").asLong()).isEqualTo(2);
        // The one line of bio each result shows.
        assertThat(byName.get(0).get("bio").isNull()).isTrue();
        assertThat(http.patch("me", unverified.token(), Map.of("bio", "Le club de la ville")).status()).isEqualTo(200);
        assertThat(http.get("discover?q=" + tag, null).json().get(1).get("bio").asText()).isEqualTo("Le club de la ville");

        // Accents and case do not matter: "nimes" finds "Nîmes".
        assertThat(http.get("discover?q=VILLE%20DE%20NIMES%20" + tag, null).json().findValuesAsText("username"))
                .containsExactly(verified.username());
        assertThat(http.get("discover?q=" + tag + "&category=association", null).json().findValuesAsText("username"))
                .containsExactly(unverified.username());
        assertThat(http.get("discover?q=" + tag + "&city=n%C3%AEmes", null).json()).hasSize(2);
        assertThat(http.get("discover?q=" + tag + "&city=Paris", null).json()).isEmpty();
    }

    @Test
    void personalAccountsAndMinorsAreNeverListed() {
        var tag = uniqueName("hidden").replace("_", "");
        var teen = new LinkedHashMap<String, Object>(Map.of("username", tag + "teen", "password", PASSWORD,
                "displayName", tag, "birthDate", bornYearsAgo(17).toString(),
                "kind", "public", "category", "creator", "city", "Albi"));
        // A public account needs an owner aged 18 or more: a 17-year-old cannot open one at all.
        var refused = http.post("accounts", null, teen);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("birthDate");
        // Ones made under the old rule (16+) still exist: made as an adult, then given a 17-year-old's
        // birth date, it is not listed either.
        var legacy = signUpOfficial(tag + "teen", tag, "creator", "Albi");
        var teenBirthDay = bornYearsAgo(17).toEpochDay();
        app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE account SET birth_day = :day WHERE id = :id")
                .bind("day", teenBirthDay).bind("id", legacy.id()).execute());
        signUp(Map.of("username", tag + "kid", "password", PASSWORD, "displayName", tag,
                "birthDate", bornYearsAgo(15).toString()));
        var adult = signUpOfficial(tag + "adult", tag, "creator", "Albi");

        assertThat(http.get("discover?q=" + tag, null).json().findValuesAsText("username"))
                .containsExactly(adult.username());
        assertThat(http.get("leaderboard?category=creator", null).json().findValuesAsText("username"))
                .doesNotContain(tag + "teen");
    }

    @Test
    void leaderboardRanksACategoryBySubscribers() {
        var small = signUpOfficial(uniqueName("medsmall"), "Small", "media", "Lyon");
        var big = signUpOfficial(uniqueName("medbig"), "Big", "media", "Nice");
        var other = signUpOfficial(uniqueName("shop"), "Shop", "business", "Nice");
        subscribe(3, big);
        subscribe(1, small);
        subscribe(5, other);

        var board = http.get("leaderboard?category=media", null).json();
        assertThat(board.findValuesAsText("username")).containsExactly(big.username(), small.username());
        assertThat(board.get(0).get("subscriberCount").asLong()).isEqualTo(3);
        assertThat(board.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(board.get(1).get("displayName").asText()).isEqualTo("Small");
    }

    @Test
    void badQueryParametersAreFieldErrors() {
        var unknown = http.get("discover?category=castle", null);
        assertProblem(unknown, 400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("category");
        assertProblem(http.get("leaderboard?category=castle", null), 400);
        assertProblem(http.get("discover?limit=0", null), 400);
        assertProblem(http.get("discover?limit=abc", null), 400);
        assertProblem(http.get("discover?q=" + "x".repeat(65), null), 400);
        assertThat(http.get("discover?q=%25_%5C", null).status()).isEqualTo(200);
    }

    private static User signUpOfficial(String username, String displayName, String category, String city) {
        return signUp(Map.of("username", username, "password", PASSWORD, "displayName", displayName,
                "birthDate", bornYearsAgo(40).toString(), "kind", "public", "category", category, "city", city));
    }
}
