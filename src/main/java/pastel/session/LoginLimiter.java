package pastel.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pastel.config.Config;

/// Counts failed logins per account and per client address over a sliding window.
///
/// Kept in memory: on several nodes each node counts on its own, so an attacker spreading
/// attempts over N nodes gets N times the budget. Close enough until nodes share Redis or the
/// database for this; Argon2 keeps each attempt expensive anyway.
final class LoginLimiter {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Clock clock;
    private final Config.LoginLimits limits;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginLimiter(Clock clock, Config.LoginLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /// How long to wait before trying again, if either the account or the address is over its limit.
    Optional<Duration> blockedFor(String username, String address) {
        var now = clock.millis();
        var wait = Math.max(waitFor("u:" + username, limits.perAccount(), now),
                waitFor("a:" + address, limits.perAddress(), now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    void failed(String username, String address) {
        var now = clock.millis();
        if (failures.size() > MAX_TRACKED_KEYS) prune(now);
        record("u:" + username, now);
        record("a:" + address, now);
    }

    void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private long waitFor(String key, int limit, long now) {
        var times = failures.get(key);
        if (times == null) return 0;
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit) return 0;
            return times.peekFirst() + windowMillis() - now;
        }
    }

    private void record(String key, long now) {
        var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
    }

    private void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis()) times.removeFirst();
    }

    private void prune(long now) {
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                expire(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
    }

    private long windowMillis() {
        return limits.windowSeconds() * 1000L;
    }
}
