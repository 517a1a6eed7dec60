package pastel.story;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import pastel.account.ChangeLog;

/// Each viewer's story feed, kept as the JSON bytes sent last time, for as long as nothing it
/// shows has changed: reading a feed then costs a few hundred map lookups instead of a query
/// over every followed account and a serialization.
///
/// A feed shows the viewer's friends and subscriptions, their active items, the viewer's own
/// views and the accounts' names. Every such change on this node is reported through [#changed]
/// with the account concerned (the poster, the viewer, both friends), and a cached feed is
/// only used if none of the accounts it depends on changed since it was built. It is also
/// rebuilt when its first item reaches the end of its life (by the injected clock), and after
/// [#MAX_AGE] of real time at most, the bound on how late a change made on another node shows.
public final class FeedCache {
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    /// The serialized feeds kept, in bytes; past it, arbitrary feeds are dropped (random eviction).
    static final long BUDGET_BYTES = 32L * 1024 * 1024;

    /// A feed's JSON, plain and gzipped: clients that accept gzip (all browsers and phones) get
    /// the compressed bytes without the server compressing them again on every read.
    public record Body(byte[] json, byte[] gzip) {
        static Body of(byte[] json) {
            var out = new ByteArrayOutputStream(json.length / 4 + 64);
            try (var gzip = new GZIPOutputStream(out)) {
                gzip.write(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Body(json, out.toByteArray());
        }

        int size() {
            return json.length + gzip.length;
        }
    }

    private record Entry(long version, long builtNanos, long expiresAtMillis, String[] dependsOn, Body body) {}

    private final ChangeLog changes = new ChangeLog(MAX_AGE);
    private final ConcurrentHashMap<String, Entry> feeds = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /// The version a feed is built at: read it before reading the database, so that a change
    /// committed while the feed is being built makes the result stale rather than lost.
    long version() {
        return changes.version();
    }

    /// Notes that what `accountId` shows, or what it follows, has changed.
    void changed(String accountId) {
        changes.changed(accountId);
    }

    /// The cached feed of `viewerId`, or null when there is none still valid at `nowMillis`.
    Body get(String viewerId, long nowMillis) {
        var entry = feeds.get(viewerId);
        if (entry == null) return null;
        var valid = nowMillis < entry.expiresAtMillis && System.nanoTime() - entry.builtNanos < MAX_AGE.toNanos();
        for (int i = 0; valid && i < entry.dependsOn.length; i++) {
            valid = changes.unchangedSince(entry.dependsOn[i], entry.version);
        }
        if (valid) return entry.body;
        if (feeds.remove(viewerId, entry)) bytes.addAndGet(-entry.body.size());
        return null;
    }

    /// Keeps `body`, built at `version` from a read begun at `readAtNanos`, until
    /// `expiresAtMillis`, [#MAX_AGE] after the read, or a change of the viewer or of an account
    /// in `dependsOn`.
    void put(String viewerId, long version, long readAtNanos, long expiresAtMillis, Collection<String> dependsOn, Body body) {
        if (body.size() > BUDGET_BYTES / 16) return;
        var ids = dependsOn.toArray(new String[dependsOn.size() + 1]);
        ids[ids.length - 1] = viewerId;
        var previous = feeds.put(viewerId, new Entry(version, readAtNanos, expiresAtMillis, ids, body));
        bytes.addAndGet(body.size() - (previous == null ? 0 : previous.body.size()));
        if (bytes.get() > BUDGET_BYTES) evict();
    }

    private void evict() {
        for (var it = feeds.entrySet().iterator(); it.hasNext() && bytes.get() > BUDGET_BYTES * 3 / 4; ) {
            var cached = it.next();
            if (feeds.remove(cached.getKey(), cached.getValue())) bytes.addAndGet(-cached.getValue().body.size());
        }
    }
}
