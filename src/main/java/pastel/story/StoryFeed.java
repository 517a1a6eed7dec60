package pastel.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import pastel.account.Account;
import pastel.http.Json;

/// The story feed: accounts with active items among the viewer's friends and subscriptions,
/// unseen first, then by latest item; built by one query and kept in a [FeedCache].
final class StoryFeed {
    /// `animated`: an animated GIF, WebP or APNG stored as a video, which clients play in a loop.
    record FeedItem(String id, String kind, Instant postedAt, Instant expiresAt, boolean seen, boolean animated) {}

    /// `community`: the account's approved community items active now (null: none), so a client
    /// shows that story as a ring of its own; `items` is the account's own story (empty when only
    /// its community story is active).
    record FeedEntry(String account, String displayName, boolean verified, boolean allSeen, Instant latestAt,
                            List<FeedItem> items, Community community) {}

    /// How many approved community items an account has active, whether the viewer saw them all,
    /// and the latest one's time.
    record Community(int count, boolean allSeen, Instant latestAt) {}

    private final StoryStore store;
    private final Clock clock;
    private final FeedCache cache = new FeedCache();

    StoryFeed(StoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /// Notes that `accountId`, or what it follows, changed: feeds showing it are rebuilt.
    void changed(String accountId) {
        cache.changed(accountId);
    }

    /// The feed as JSON, from the [FeedCache] when nothing it shows has changed since.
    FeedCache.Body json(Account me) {
        var now = clock.millis();
        var cached = cache.get(me.id(), now);
        if (cached != null) return cached;
        // Both taken before the read: the entry's age counts from the moment it could go stale.
        var readAt = System.nanoTime();
        var version = cache.version();
        var feed = buildFeed(me, now);
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(feed.entries());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var body = FeedCache.Body.of(json);
        cache.put(me.id(), version, readAt, feed.expiresAt(), feed.followed(), body);
        return body;
    }

    /// A feed's entries, the accounts it depends on and the moment its first item leaves it.
    private record Feed(List<FeedEntry> entries, List<String> followed, long expiresAt) {}

    private Feed buildFeed(Account me, long now) {
        var at = Instant.ofEpochMilli(now);
        var since = at.minus(StoryService.LIFETIME);
        var followed = new ArrayList<String>();
        var rows = store.jdbi().withHandle(h -> {
            followed.addAll(StoryStore.followed(h, me.id()));
            return StoryStore.feed(h, me.id(), at, since);
        });
        var leaving = Long.MAX_VALUE;
        var grouped = new LinkedHashMap<String, List<StoryStore.FeedRow>>();
        for (var row : rows) {
            // An item leaves the feed when it expires or 24 h after posting, whichever is first.
            var leaves = row.postedAt().plus(StoryService.LIFETIME).toEpochMilli();
            if (row.expiresAt() != null) leaves = Math.min(leaves, row.expiresAt().toEpochMilli());
            leaving = Math.min(leaving, leaves);
            grouped.computeIfAbsent(row.username(), k -> new ArrayList<>()).add(row);
        }
        var entries = new ArrayList<FeedEntry>();
        for (var group : grouped.values()) {
            var items = group.stream().filter(r -> r.story() == StoryItem.Story.MAIN)
                    .map(r -> new FeedItem(r.id(), r.kind().name().toLowerCase(), r.postedAt(), r.expiresAt(), r.seen(),
                            r.animated()))
                    .toList();
            var shared = group.stream().filter(r -> r.story() == StoryItem.Story.COMMUNITY).toList();
            var community = shared.isEmpty() ? null : new Community(shared.size(),
                    shared.stream().allMatch(StoryStore.FeedRow::seen),
                    shared.stream().map(StoryStore.FeedRow::postedAt).max(Instant::compareTo).orElseThrow());
            var latest = group.stream().map(StoryStore.FeedRow::postedAt).max(Instant::compareTo).orElseThrow();
            var first = group.getFirst();
            var allSeen = items.isEmpty() ? community.allSeen() : items.stream().allMatch(FeedItem::seen);
            entries.add(new FeedEntry(first.username(), first.displayName(), first.verified(), allSeen, latest, items,
                    community));
        }
        entries.sort((a, b) -> a.allSeen() != b.allSeen() ? (a.allSeen() ? 1 : -1) : b.latestAt().compareTo(a.latestAt()));
        return new Feed(entries, followed, leaving);
    }
}
