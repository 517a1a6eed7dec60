package pastel.account;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/// The last change of each account on this node, as a position in one sequence: an in-memory
/// cache notes [#version()] before it reads the database, and what it read stays good while
/// [#unchangedSince] holds for the accounts it depends on.
///
/// Taking the version before the read matters: a change committed while the read runs is
/// numbered after it, so the result is thrown away rather than kept stale.
public final class ChangeLog {
    /// Past this many remembered accounts the log restarts, and everything read before is stale.
    private static final int MAX_REMEMBERED = 200_000;

    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Long> changedAt = new ConcurrentHashMap<>();
    private volatile long floor;

    public long version() {
        return sequence.get();
    }

    public void changed(String accountId) {
        changedAt.merge(accountId, sequence.incrementAndGet(), Math::max);
        if (changedAt.size() > MAX_REMEMBERED) {
            floor = sequence.incrementAndGet();
            changedAt.clear();
        }
    }

    /// Whether `accountId` is unchanged since `version` was taken.
    public boolean unchangedSince(String accountId, long version) {
        if (version < floor) return false;
        var changed = changedAt.get(accountId);
        return changed == null || changed <= version;
    }
}
