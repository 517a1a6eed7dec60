package pastel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class SessionHttpTest extends ServerTest {

    @Test
    void signInGivesAnOpaqueTokenStoredOnlyAsAHash() {
        var user = person("sia");
        var session = http.post("sessions", null, Map.of("username", user.username().toUpperCase(), "password", PASSWORD));
        assertThat(session.status()).isEqualTo(201);
        var token = session.json().get("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(session.json().get("account").get("username").asText()).isEqualTo(user.username());
        assertThat(count("SELECT COUNT(*) FROM session WHERE token_hash = ?", token)).isZero();
        assertThat(count("SELECT COUNT(*) FROM session WHERE token_hash = ?", SessionService.hashOf(token))).isOne();
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        var user = person("wp");
        var wrong = http.post("sessions", null, Map.of("username", user.username(), "password", "wrong password!"));
        var unknown = http.post("sessions", null, Map.of("username", "nobody_" + user.username(), "password", "wrong password!"));
        assertProblem(wrong, 401);
        assertProblem(unknown, 401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void missingCredentialsAreFieldErrors() {
        var response = http.post("sessions", null, Map.of());
        assertProblem(response, 400);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void signOutRevokesTheToken() {
        var user = person("so");
        assertThat(http.get("me", user.token()).status()).isEqualTo(200);
        assertThat(http.delete("sessions/current", user.token()).status()).isEqualTo(204);
        assertProblem(http.get("me", user.token()), 401);
        assertProblem(http.delete("sessions/current", user.token()), 401);
    }

    @Test
    void missingOrBogusTokensAre401WithAChallenge() {
        var none = http.get("me", null);
        assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(http.get("me", "not-a-token"), 401);
    }

    @Test
    void aSessionExpiresAfterThirtyDaysUnusedButUseKeepsItAlive() {
        var active = person("active");
        var idle = person("idle");
        for (int week = 0; week < 6; week++) {
            clock.advance(Duration.ofDays(7));
            assertThat(http.get("me", active.token()).status()).as("week %d", week).isEqualTo(200);
        }
        // idle has not been used for 42 days by now
        assertProblem(http.get("me", idle.token()), 401);

        var fresh = signIn(active.username());
        clock.advance(Duration.ofDays(29));
        assertThat(http.get("me", fresh).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(30));
        assertProblem(http.get("me", fresh), 401);
    }

    @Test
    void theSweeperDeletesIdleSessions() {
        var user = person("sweep");
        assertThat(count("SELECT COUNT(*) FROM session WHERE account_id = ?", user.id())).isOne();
        clock.advance(Duration.ofDays(31));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM session WHERE account_id = ?", user.id())).isZero();
    }

    @Test
    void elevenWrongPasswordsInAMinuteGive429UntilTheWindowPasses() {
        var user = person("brute");
        var wrong = Map.of("username", user.username(), "password", "guess guess guess");
        for (int i = 1; i <= 10; i++) {
            assertProblem(http.post("sessions", null, wrong), 401);
            clock.advance(Duration.ofSeconds(1));
        }
        var limited = http.post("sessions", null, wrong);
        assertProblem(limited, 429);
        var retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 61);

        // While limited, even the right password is refused: otherwise guessing could go on.
        var right = Map.of("username", user.username(), "password", PASSWORD);
        assertProblem(http.post("sessions", null, right), 429);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(http.post("sessions", null, right).status()).isEqualTo(201);
    }

    /// Two nodes on one database share the count: spreading guesses over them gains nothing.
    @Test
    void aSecondNodeCountsTheSameFailures() {
        var user = person("spread");
        var wrong = Map.of("username", user.username(), "password", "guess guess guess");
        var database = opened.anotherPool();
        var config = pastel.support.TestConfig.of(opened.dataDir());
        try (var node2 = pastel.App.start(config, clock, database)) {
            var other = new pastel.support.Http(node2.port());
            for (int i = 1; i <= 10; i++) assertProblem((i % 2 == 0 ? http : other).post("sessions", null, wrong), 401);
            assertProblem(other.post("sessions", null, wrong), 429);
            assertProblem(http.post("sessions", null, wrong), 429);
        }
        clock.advance(Duration.ofMinutes(2));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM login_failure WHERE subject = ?", "u:" + user.username())).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsLimitedToo() {
        clock.advance(Duration.ofMinutes(2)); // forget other tests' failures from this address
        int failures = 0;
        var last = http.post("sessions", null, Map.of("username", uniqueName("ghost"), "password", "guess guess guess"));
        while (last.status() == 401 && failures < 100) {
            failures++;
            last = http.post("sessions", null, Map.of("username", uniqueName("ghost"), "password", "guess guess guess"));
        }
        assertProblem(last, 429);
        assertThat(failures).isEqualTo(30);
        clock.advance(Duration.ofMinutes(2));
    }
}
