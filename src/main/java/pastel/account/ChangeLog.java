package pastel.account;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/// The last change of each account on this node, as a position in one sequence: an in-memory
/// cache notes [#version()] before it reads the database, and what it read stays good while
/// [#unchangedSince] holds for the accounts it depends on.
///
/// Taking the version before the read matters: a change committed while the read runs is
/// numbered after it, so the result is thrown away rather than kept stale.
public final class ChangeLog {
    /// Past this many remembered accounts, changes older than the caches' lifetime are dropped.
    private static final int PRUNE_ABOVE = 100_000;

    private record Change(long version, long atNanos) {}

    private final long keepNanos;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Change> changes = new ConcurrentHashMap<>();
    private volatile long floor;

    /// `cacheLifetime`: the longest a cache keeps what it read; older changes cannot matter.
    public ChangeLog(Duration cacheLifetime) {
        this.keepNanos = cacheLifetime.toNanos();
    }

    public long version() {
        return sequence.get();
    }

    public void changed(String accountId) {
        var change = new Change(sequence.incrementAndGet(), System.nanoTime());
        changes.merge(accountId, change, (a, b) -> a.version() > b.version() ? a : b);
        if (changes.size() > PRUNE_ABOVE) prune(change.atNanos());
    }

    /// Whether `accountId` is unchanged since `version` was taken.
    public boolean unchangedSince(String accountId, long version) {
        if (version < floor) return false;
        var change = changes.get(accountId);
        return change == null || change.version() <= version;
    }

    private void prune(long now) {
        // Everything read before a dropped change is older than the caches keep anything.
        var horizon = sequence.get();
        changes.values().removeIf(change -> now - change.atNanos() > keepNanos);
        if (changes.size() > PRUNE_ABOVE) {
            // Still too many within one lifetime: forget them all and make everything read stale.
            floor = horizon + 1;
            changes.clear();
        }
    }
}
