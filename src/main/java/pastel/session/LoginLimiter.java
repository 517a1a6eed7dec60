package pastel.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import pastel.config.Config;

/// Counts failed logins per account and per client address over a sliding window.
///
/// The failures are rows in the database, not a node's memory: with several nodes behind a load
/// balancer an attacker gets the same budget as with one. A sign-in already costs an Argon2
/// hash, so a read and, on failure, two small inserts add nothing noticeable.
final class LoginLimiter {
    private final SessionStore store;
    private final Clock clock;
    private final Config.LoginLimits limits;

    LoginLimiter(SessionStore store, Clock clock, Config.LoginLimits limits) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
    }

    /// How long to wait before trying again, if either the account or the address is over its limit.
    Optional<Duration> blockedFor(String username, String address) {
        var now = clock.millis();
        var account = "u:" + username;
        var wait = store.failuresSince(List.of(account, "a:" + address), now - windowMillis()).stream()
                .mapToLong(f -> {
                    var limit = f.subject().equals(account) ? limits.perAccount() : limits.perAddress();
                    return f.count() < limit ? 0L : f.oldest() + windowMillis() - now;
                })
                .max().orElse(0);
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    void failed(String username, String address) {
        store.addFailures(List.of("u:" + username, "a:" + address), clock.millis());
    }

    /// The right password clears the account's count (not the address's: one success must not
    /// reset a guesser's budget for every other account).
    void succeeded(String username) {
        forget(username);
    }

    void forget(String username) {
        store.deleteFailures("u:" + username);
    }

    /// Deletes failures older than the window; run by the sweeper.
    int sweep() {
        return store.deleteFailuresUpTo(clock.millis() - windowMillis());
    }

    private long windowMillis() {
        return limits.windowSeconds() * 1000L;
    }
}
