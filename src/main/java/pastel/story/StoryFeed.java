package pastel.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.http.Json;

/// The story feed: accounts with active items among the viewer's friends and subscriptions,
/// unseen first, then by latest item; built by one query and kept in a [FeedCache].
final class StoryFeed {
    record FeedItem(String id, String kind, Instant postedAt, Instant expiresAt, boolean seen) {}

    record FeedEntry(String account, String displayName, boolean verified, boolean allSeen, Instant latestAt,
                            List<FeedItem> items) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final FeedCache cache = new FeedCache();

    StoryFeed(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
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

    /// Driven from the viewer's side: the friend and subscription lists (primary-key ranges) name
    /// at most a few hundred accounts, each read through the (account_id, story, posted_at)
    /// index, so the cost grows with what the viewer follows, not with audience sizes.
    private Feed buildFeed(Account me, long now) {
        var since = now - StoryService.LIFETIME.toMillis();
        var followed = new ArrayList<String>();
        var leaving = new long[] {Long.MAX_VALUE};
        var rows = jdbi.withHandle(h -> {
            followed.addAll(h.createQuery("""
                    SELECT friend_id FROM friendship WHERE account_id = :me
                    UNION ALL SELECT account_id FROM subscription WHERE subscriber_id = :me""")
                    .bind("me", me.id()).mapTo(String.class).list());
            return h.createQuery("""
                SELECT i.id, i.kind, i.posted_at, i.expires_at, a.username, a.display_name, a.verified,
                       CASE WHEN EXISTS (SELECT 1 FROM story_view v WHERE v.item_id = i.id AND v.viewer_id = :me)
                            THEN 1 ELSE 0 END AS seen
                FROM (SELECT friend_id AS account_id, 1 AS friend FROM friendship WHERE account_id = :me
                      UNION ALL
                      SELECT account_id, 0 AS friend FROM subscription WHERE subscriber_id = :me) f
                JOIN story_item i ON i.account_id = f.account_id AND i.story = 'main' AND i.posted_at > :since
                JOIN account a ON a.id = i.account_id
                WHERE (i.expires_at IS NULL OR i.expires_at > :now) AND (f.friend = 1 OR i.audience = 'public')
                ORDER BY a.username, i.posted_at""")
                .bind("me", me.id()).bind("now", now).bind("since", since)
                .map((rs, ctx) -> {
                    var postedAt = rs.getLong("posted_at");
                    var expiresAt = rs.getObject("expires_at");
                    // An item leaves the feed when it expires or 24 h after posting, whichever is first.
                    var leaves = postedAt + StoryService.LIFETIME.toMillis();
                    if (expiresAt != null) leaves = Math.min(leaves, ((Number) expiresAt).longValue());
                    leaving[0] = Math.min(leaving[0], leaves);
                    return new Object[] {rs.getString("username"), rs.getString("display_name"),
                        rs.getBoolean("verified"), new FeedItem(rs.getString("id"), rs.getString("kind"),
                        Instant.ofEpochMilli(postedAt), instant(expiresAt), rs.getInt("seen") == 1)};
                })
                .list();
        });
        var grouped = new LinkedHashMap<String, List<Object[]>>();
        for (var row : rows) grouped.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row);
        var entries = new ArrayList<FeedEntry>();
        for (var group : grouped.values()) {
            var items = group.stream().map(r -> (FeedItem) r[3]).toList();
            var latest = items.stream().map(FeedItem::postedAt).max(Instant::compareTo).orElseThrow();
            entries.add(new FeedEntry((String) group.getFirst()[0], (String) group.getFirst()[1],
                    (Boolean) group.getFirst()[2], items.stream().allMatch(FeedItem::seen), latest, items));
        }
        entries.sort((a, b) -> a.allSeen() != b.allSeen() ? (a.allSeen() ? 1 : -1) : b.latestAt().compareTo(a.latestAt()));
        return new Feed(entries, followed, leaving[0]);
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
