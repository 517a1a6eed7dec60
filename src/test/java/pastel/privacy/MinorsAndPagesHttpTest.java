package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestConfig;

/// Reproductions 5 and 12 of issue 10: a minor has no profile, page or Open Graph card for
/// anonymous callers (404 exactly like an unknown name) and only names for signed-in strangers;
/// public pages send a strict Content-Security-Policy; `/metrics` needs the operator's token.
class MinorsAndPagesHttpTest extends ServerTest {

    @Test
    void aMinorIsAnUnknownNameForAnonymousCallersAndANameOnlyForStrangers() {
        var teen = personAged("teen", 15);
        http.patch("me", teen.token(), Map.of("bio", "my school and my street"));
        var unknown = "nobody_" + System.nanoTime() % 100000;

        var anonymous = http.get("accounts/" + teen.username(), null);
        var missing = http.get("accounts/" + unknown, null);
        assertProblem(anonymous, 404);
        assertThat(anonymous.json().get("type").asText()).isEqualTo(missing.json().get("type").asText());
        assertThat(anonymous.json().get("detail").asText()).isEqualTo(missing.json().get("detail").asText().replace(unknown, teen.username()));
        var page = http.get("/@" + teen.username(), null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("og:").doesNotContain("my school");
        assertThat(http.get("/@" + teen.username() + "/cover.jpg", null).status()).isEqualTo(404);
        assertThat(http.get("accounts/" + teen.username() + "/stories", null).status()).isEqualTo(404);

        var stranger = person("stranger");
        var seen = http.get("accounts/" + teen.username(), stranger.token());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("displayName").asText()).isEqualTo("teen");
        for (var hidden : java.util.List.of("bio", "city", "website", "kind", "category")) {
            assertThat(seen.json().path(hidden).isNull() || seen.json().path(hidden).isMissingNode()).as(hidden).isTrue();
        }
        assertThat(seen.body()).doesNotContain("my school");

        var friend = person("teenfriend");
        befriend(teen, friend);
        assertThat(http.get("accounts/" + teen.username(), friend.token()).json().get("bio").asText()).isEqualTo("my school and my street");
        // An adult's profile is unchanged for anyone.
        var adult = person("adultprofile");
        assertThat(http.get("accounts/" + adult.username(), null).json().has("subscriberCount")).isTrue();
    }

    @Test
    void aMinorsCreditInACommunityStoryIsLeftOutForSignedOutVisitorsAndAcrossABlock() {
        var city = official("creditcity", "city", "Toulouse");
        var teen = personAged("creditteen", 15);
        var adult = person("creditadult");
        for (var submitter : java.util.List.of(teen, adult)) {
            var submitted = http.post("accounts/" + city.username() + "/community/submissions", submitter.token(),
                    Map.of("mediaId", uploadPhoto(submitter), "caption", "by " + submitter.username().split("_")[0]));
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
            assertThat(http.post("accounts/" + city.username() + "/community/submissions/" + submitted.json().get("id").asText()
                    + "/approve", city.token(), null).status()).isEqualTo(204);
        }

        var anonymous = http.get("accounts/" + city.username() + "/community", null);
        assertThat(credits(anonymous)).containsExactly(adult.username());
        assertThat(anonymous.json()).hasSize(2);
        var page = http.send("GET", "/@" + city.username(), null, null, Map.of("Accept", "text/html"));
        assertThat(page.body()).contains("@" + adult.username()).doesNotContain(teen.username());

        // Signed in, a stranger sees the teen's name as everywhere else, until one blocks the other.
        var stranger = person("creditstranger");
        assertThat(credits(http.get("accounts/" + city.username() + "/community", stranger.token())))
                .containsExactlyInAnyOrder(teen.username(), adult.username());
        assertThat(http.post("blocks", teen.token(), Map.of("username", stranger.username())).status()).isEqualTo(204);
        assertThat(credits(http.get("accounts/" + city.username() + "/community", stranger.token())))
                .containsExactly(adult.username());
    }

    private static java.util.List<String> credits(pastel.support.Http.Response items) {
        var names = new java.util.ArrayList<String>();
        items.json().forEach(item -> {
            if (item.hasNonNull("credit")) names.add(item.get("credit").asText());
        });
        return names;
    }

    @Test
    void publicPagesSendAStrictContentSecurityPolicy() {
        var city = official("cspcity", "city", "Auch");
        var page = http.get("/@" + city.username(), null);
        assertThat(page.status()).isEqualTo(200);
        var csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void metricsNeedTheOperatorsToken() {
        assertProblem(http.get("/metrics", null), 401);
        assertProblem(http.get("/metrics", "not-the-metrics-token-at-all"), 401);
        var user = person("metricsuser");
        assertProblem(http.get("/metrics", user.token()), 401);
        assertThat(http.get("/metrics", TestConfig.METRICS_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void withoutATokenMetricsAreOnlyOnTheLocalMetricsPort() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var database = opened.anotherPool();
        var config = TestConfig.of(opened.dataDir(), "PASTEL_METRICS_TOKEN", "", "PASTEL_METRICS_PORT", Integer.toString(port));
        try (var node = pastel.App.start(config, clock, database)) {
            var main = new pastel.support.Http(node.port());
            assertProblem(main.get("/metrics", null), 404);
            assertProblem(main.get("/metrics", TestConfig.METRICS_TOKEN), 404);
            var local = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.body()).contains("jvm_memory_used_bytes");
        }
    }
}
