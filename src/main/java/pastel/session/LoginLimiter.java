package pastel.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import pastel.config.Config;

/// Counts failed logins per account and per client address over a sliding window.
///
/// The failures are rows in the database, not a node's memory: with several nodes behind a load
/// balancer an attacker gets the same budget as with one. A sign-in already costs an Argon2
/// hash, so a read and, on failure, two small inserts add nothing noticeable.
final class LoginLimiter {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Config.LoginLimits limits;

    LoginLimiter(Jdbi jdbi, Clock clock, Config.LoginLimits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.limits = limits;
    }

    /// How long to wait before trying again, if either the account or the address is over its limit.
    Optional<Duration> blockedFor(String username, String address) {
        var now = clock.millis();
        var account = "u:" + username;
        var wait = jdbi.withHandle(h -> h.createQuery("""
                        SELECT subject, COUNT(*) AS n, MIN(at) AS oldest FROM login_failure
                        WHERE subject IN (:account, :address) AND at > :since GROUP BY subject""")
                .bind("account", account).bind("address", "a:" + address).bind("since", now - windowMillis())
                .map((rs, ctx) -> {
                    var limit = rs.getString("subject").equals(account) ? limits.perAccount() : limits.perAddress();
                    return rs.getLong("n") < limit ? 0L : rs.getLong("oldest") + windowMillis() - now;
                })
                .list().stream().mapToLong(Long::longValue).max().orElse(0));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    void failed(String username, String address) {
        var now = clock.millis();
        jdbi.useTransaction(h -> {
            var insert = h.prepareBatch("INSERT INTO login_failure (subject, at) VALUES (:subject, :at)");
            insert.bind("subject", "u:" + username).bind("at", now).add();
            insert.bind("subject", "a:" + address).bind("at", now).add();
            insert.execute();
        });
    }

    /// The right password clears the account's count (not the address's: one success must not
    /// reset a guesser's budget for every other account).
    void succeeded(String username) {
        forget(username);
    }

    void forget(String username) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failure WHERE subject = :s").bind("s", "u:" + username).execute());
    }

    /// Deletes failures older than the window; run by the sweeper.
    int sweep() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM login_failure WHERE at <= :cutoff")
                .bind("cutoff", clock.millis() - windowMillis()).execute());
    }

    private long windowMillis() {
        return limits.windowSeconds() * 1000L;
    }
}
