package pastel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.support.Http;
import pastel.support.ServerTest;

/// Per-address sign-in limits behind a load balancer: the balancer's forwarded address counts
/// only when the balancer is a trusted proxy.
class ClientAddressHttpTest extends ServerTest {
    private static final int PER_ADDRESS = 30;

    private static Http.Response guess(Http node, String forwardedFor) {
        var headers = forwardedFor == null ? Map.<String, String>of() : Map.of("X-Forwarded-For", forwardedFor);
        return node.send("POST", "sessions", null, Map.of("username", uniqueName("ghost"), "password", "guess guess guess"),
                headers);
    }

    @Test
    void withoutTrustedProxiesAForgedForwardedForChangesNothing() {
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertProblem(guess(http, "203.0.113." + i), 401);
        }
        // Every guess came from 127.0.0.1 whatever it claimed: the next one, with a fresh claim, is refused.
        assertProblem(guess(http, "198.51.100.77"), 429);
        assertProblem(guess(http, null), 429);
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void behindATrustedBalancerTheRealClientAddressIsLimited() {
        clock.advance(Duration.ofMinutes(2));
        var database = opened.anotherPool();
        var config = pastel.support.TestConfig.of(opened.dataDir(), "PASTEL_TRUSTED_PROXIES", "127.0.0.1/32, ::1");
        try (var balanced = App.start(config, clock, database)) {
            var node = new Http(balanced.port());
            for (int i = 0; i < PER_ADDRESS; i++) {
                // A client prepending a forged address still counts as the address the balancer saw.
                assertProblem(guess(node, "10.9.9." + i + ", 203.0.113.5"), 401);
            }
            assertProblem(guess(node, "203.0.113.5"), 429);
            // Another client behind the same balancer is not punished for the first one's guesses.
            assertProblem(guess(node, "198.51.100.8"), 401);
            var forwarded = node.send("POST", "sessions", null,
                    Map.of("username", uniqueName("ghost"), "password", "guess guess guess"),
                    Map.of("Forwarded", "for=203.0.113.5;proto=https"));
            assertProblem(forwarded, 429);
        }
        clock.advance(Duration.ofMinutes(2));
    }
}
