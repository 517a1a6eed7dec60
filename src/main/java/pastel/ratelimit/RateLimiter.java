package pastel.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.config.Config;
import pastel.problem.PastelException;

/// Abuse limits (429 with `Retry-After`): sign-ups per client address, profile look-ups and
/// friend requests per account and per address, each over a fixed window (`PASTEL_ABUSE_*`).
///
/// Counted in the database so that nodes sharing one share the limits, without a write per
/// request (a profile look-up must stay a read): each node counts its own hits in memory, adds
/// them to the shared rows every [#FLUSH_EVERY] and reads back everyone's totals. A node
/// decides with the shared total it last read plus its own hits since, so one node is exact and
/// several nodes together may overshoot a limit by what the others did in the last flush period
/// (close enough for enumeration limits; failed sign-ins, where every guess matters, are counted
/// row by row in `session.LoginLimiter`).
public final class RateLimiter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    static final Duration FLUSH_EVERY = Duration.ofMillis(250);

    /// One limit: its name, how many hits per window, and the window.
    public record Limit(String name, int max, Duration window) {}

    record Key(String name, String subject, long endsAt) {}

    private final RateLimitStore store;
    private final Clock clock;
    private final ConcurrentHashMap<Key, AtomicLong> unsent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Long> shared = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rate-limits").daemon().factory());

    public final Limit signUpsPerAddress;
    public final Limit lookupsPerAccount;
    public final Limit lookupsPerAddress;
    public final Limit friendRequestsPerAccount;
    public final Limit friendRequestsPerAddress;

    public RateLimiter(Jdbi jdbi, Clock clock, Config.AbuseLimits limits) {
        this.store = new RateLimitStore(jdbi);
        this.clock = clock;
        var window = Duration.ofSeconds(limits.windowSeconds());
        signUpsPerAddress = new Limit("signup", limits.signUpsPerAddress(), window);
        lookupsPerAccount = new Limit("lookup", limits.lookupsPerAccount(), window);
        lookupsPerAddress = new Limit("lookup", limits.lookupsPerAddress(), window);
        friendRequestsPerAccount = new Limit("friend-request", limits.friendRequestsPerAccount(), window);
        friendRequestsPerAddress = new Limit("friend-request", limits.friendRequestsPerAddress(), window);
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /// Counts one hit of the client address `address` against `limit`, or refuses with 429.
    public void hitAddress(Limit limit, String address) {
        hit(limit, "a:" + address);
    }

    /// Counts one hit of the account `accountId` against `limit`, or refuses with 429.
    public void hitAccount(Limit limit, String accountId) {
        hit(limit, "u:" + accountId);
    }

    // Synchronized with the end of a flush: a hit must see each of this node's hits either as
    // unsent or in the shared total, never in neither (which let one too many through).
    private synchronized void hit(Limit limit, String subject) {
        var now = clock.millis();
        var window = limit.window().toMillis();
        var endsAt = Math.floorDiv(now, window) * window + window;
        var key = new Key(limit.name(), subject, endsAt);
        var mine = unsent.computeIfAbsent(key, k -> new AtomicLong());
        var known = shared.getOrDefault(key, 0L);
        if (known + mine.get() >= limit.max()) {
            throw new PastelException.TooManyRequests("too many requests of this kind; try again later",
                    Duration.ofMillis(Math.max(1000, endsAt - now)));
        }
        mine.incrementAndGet();
    }

    /// Sends this node's hits and reads back every node's totals; run every [#FLUSH_EVERY].
    public void flush() {
        var batch = new HashMap<Key, Long>();
        for (var entry : unsent.entrySet()) {
            var n = entry.getValue().get();
            if (n > 0) batch.put(entry.getKey(), n);
        }
        var now = clock.millis();
        // Other nodes' hits count too: refresh the totals of every live key, sent or not.
        for (var key : shared.keySet()) if (key.endsAt() > now) batch.putIfAbsent(key, 0L);
        if (batch.isEmpty()) return;
        // On failure nothing changes here: the hits stay unsent and go with the next flush.
        var totals = store.addAndRead(batch);
        synchronized (this) {
            batch.forEach((key, n) -> { if (n > 0) unsent.get(key).addAndGet(-n); });
            shared.putAll(totals);
            shared.keySet().removeIf(key -> key.endsAt() <= now);
            unsent.entrySet().removeIf(entry -> entry.getKey().endsAt() <= now && entry.getValue().get() == 0);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("rate limit counts not written; will retry: {}", e.getMessage());
        }
    }

    /// Deletes the counts of windows that are over; run by the sweeper.
    public int sweep() {
        return store.deleteEndedBefore(clock.millis());
    }

    /// Forgets the counts of an account (it is being deleted).
    public void forgetAccount(String accountId) {
        unsent.keySet().removeIf(key -> key.subject().equals("u:" + accountId));
        shared.keySet().removeIf(key -> key.subject().equals("u:" + accountId));
        store.forget("u:" + accountId);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
