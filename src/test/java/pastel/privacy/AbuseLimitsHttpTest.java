package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.db.Database;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestConfig;

/// Reproduction 6 of issue 10: sign-ups per client address, profile look-ups and friend requests
/// per account and per address are limited (429 with Retry-After), configurably, and two nodes
/// on one database share the counts.
class AbuseLimitsHttpTest extends ServerTest {
    private static final int LIMIT = 5;

    private static App limited(Database database) {
        return App.start(TestConfig.of(opened.dataDir(),
                "PASTEL_SIGNUPS_PER_ADDRESS", Integer.toString(LIMIT),
                "PASTEL_LOOKUPS_PER_ACCOUNT", Integer.toString(LIMIT),
                "PASTEL_LOOKUPS_PER_ADDRESS", Integer.toString(LIMIT * 3),
                "PASTEL_FRIEND_REQUESTS_PER_ACCOUNT", Integer.toString(LIMIT),
                "PASTEL_FRIEND_REQUESTS_PER_ADDRESS", Integer.toString(LIMIT * 3),
                "PASTEL_ABUSE_WINDOW_SECONDS", "600"), clock, database);
    }

    private static Database secondPool() {
        return opened.anotherPool();
    }

    private static Map<String, Object> signUpForm(String name) {
        var form = new LinkedHashMap<String, Object>();
        form.put("username", name);
        form.put("password", PASSWORD);
        form.put("displayName", name);
        form.put("birthDate", bornYearsAgo(30).toString());
        return form;
    }

    private static void assertLimited(Http.Response response) {
        assertProblem(response, 429);
        var wait = Long.parseLong(response.header("Retry-After"));
        assertThat(wait).isBetween(1L, 601L); // whole seconds, rounded up
    }

    @Test
    void signUpsLookupsAndFriendRequestsAreLimitedAndTheLimitIsSharedByTwoNodes() {
        clock.advance(Duration.ofMinutes(20)); // a fresh window
        var taken = person("takenname");
        try (var node1 = limited(secondPool()); var node2 = limited(secondPool())) {
            var one = new Http(node1.port());
            var two = new Http(node2.port());
            // Sign-ups with taken names count too: that is how names are enumerated.
            for (int i = 0; i < LIMIT; i++) {
                var answer = one.post("accounts", null, signUpForm(i == 0 ? "limited_" + System.nanoTime() % 100000 : taken.username()));
                assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
            }
            assertLimited(one.post("accounts", null, signUpForm("toolate_" + System.nanoTime() % 100000)));
            // The other node refuses too once it has read the shared counts (a flush period).
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> two.post("accounts", null, signUpForm(taken.username())).status() == 429);
            assertLimited(two.post("accounts", null, signUpForm("toolate2_" + System.nanoTime() % 100000)));

            var looker = person("looker");
            for (int i = 0; i < LIMIT; i++) {
                assertThat(one.get("accounts/" + taken.username(), looker.token()).status()).isEqualTo(200);
            }
            assertLimited(one.get("accounts/" + taken.username(), looker.token()));
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> two.get("accounts/" + taken.username(), looker.token()).status() == 429);
            assertLimited(two.get("accounts/nobody_at_all", looker.token()));
            // Anonymous guesses are limited per address.
            for (int i = LIMIT; i < LIMIT * 3; i++) one.get("accounts/guess" + i, null);
            assertLimited(one.get("accounts/guess_more", null));
            // A QR code is a look-up too (it tells a public account from no account), and a
            // costly one: the same budget.
            assertLimited(one.get("accounts/" + taken.username() + "/qr?campaign=guess", null));

            var asker = person("asker");
            for (int i = 0; i < LIMIT; i++) {
                var target = person("asked");
                assertThat(one.post("friends/requests", asker.token(), Map.of("username", target.username())).status()).isEqualTo(201);
            }
            assertLimited(one.post("friends/requests", asker.token(), Map.of("username", taken.username())));

            // The window passes: allowed again.
            clock.advance(Duration.ofMinutes(11));
            assertThat(one.post("friends/requests", asker.token(), Map.of("username", taken.username())).status()).isEqualTo(201);
        }
    }
}
