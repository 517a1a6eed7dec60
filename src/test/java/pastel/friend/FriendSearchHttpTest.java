package pastel.friend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class FriendSearchHttpTest extends ServerTest {

    private static java.util.List<String> search(User who, String q) {
        var found = http.get("friends/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                who.token());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json().findValuesAsText("username");
    }

    @Test
    void byUsernamePrefixAndDisplayNameWordsMinorsOnlyByExactUsername() {
        var me = person("seeker");
        var tag = uniqueName("z");
        var adult = signUp(Map.of("username", tag + "_lea", "password", PASSWORD, "displayName", "Léa Martin",
                "birthDate", bornYearsAgo(22).toString()));
        var minor = signUp(Map.of("username", tag + "_tom", "password", PASSWORD, "displayName", "Tom Martin",
                "birthDate", bornYearsAgo(15).toString()));

        assertThat(search(me, tag)).as("username prefix").contains(adult.username()).doesNotContain(minor.username());
        assertThat(search(me, "martin")).as("a display-name word, any case").contains(adult.username())
                .doesNotContain(minor.username());
        assertThat(search(me, "lea")).as("accents folded").contains(adult.username());
        assertThat(search(me, "artin")).as("only words' starts").doesNotContain(adult.username());
        assertThat(search(me, minor.username().toUpperCase())).as("a minor by exact username").containsExactly(minor.username());

        // Where each one stands with me, and blocks hide both ways.
        http.post("friends/requests", me.token(), Map.of("username", adult.username()));
        var found = http.get("friends/search?q=" + adult.username(), me.token()).json().get(0);
        assertThat(found.get("relation").asText()).isEqualTo("requested");
        assertThat(found.get("displayName").asText()).isEqualTo("Léa Martin");
        http.post("blocks", adult.token(), Map.of("username", me.username()));
        assertThat(search(me, adult.username())).isEmpty();
        assertProblem(http.get("friends/search?q=", me.token()), 400);
        assertProblem(http.get("friends/search?q=abc", null), 401);
    }
}
