package pastel.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.block.BlockService;
import pastel.friend.FriendService;
import pastel.media.Media;
import pastel.media.MediaStore;
import pastel.subscription.SubscriptionService;
import pastel.db.Records;

/// The story tables: `story_item`, `story_view` (one record per viewer and item), `story_stats`
/// (an item's numbers frozen when it goes), `story_daily` and `story_daily_viewer`.
final class StoryStore {
    private static final long DAY = 86_400_000L;

    /// An item with the names of its credited submitter and of the manager who posted it.
    record Listed(@Nested StoryItem item, String creditName, String posterName, boolean animated) {}

    /// What recording a view needs to know about the item and the viewer's ties to its account.
    record ViewContext(String accountId, StoryService.Audience audience, Instant expiresAt, boolean highlight,
                       boolean blocked, boolean close, boolean subscriber) {}

    /// An item in a viewer's feed, with its account and whether the viewer has seen it.
    record FeedRow(String id, Media.Kind kind, Instant postedAt, Instant expiresAt, String username, String displayName,
                   boolean verified, boolean seen, boolean animated, StoryItem.Story story) {}

    private static final RowMapper<StoryItem> STORY_ITEM = ConstructorMapper.of(StoryItem.class);
    private static final RowMapper<Listed> LISTED = ConstructorMapper.of(Listed.class);
    private static final RowMapper<ViewContext> VIEW_CONTEXT = ConstructorMapper.of(ViewContext.class);
    private static final RowMapper<StoryService.Viewer> VIEWER = ConstructorMapper.of(StoryService.Viewer.class);
    private static final RowMapper<FeedRow> FEED_ROW = ConstructorMapper.of(FeedRow.class);

    private final Jdbi jdbi;

    StoryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /// Items of the account's main story posted after `since` and not expired at `now`.
    static int activeCount(Handle h, String accountId, Instant now, Instant since) {
        return h.createQuery("""
                SELECT COUNT(*) FROM story_item WHERE account_id = :a AND story = 'main'
                  AND (expires_at IS NULL OR expires_at > :now) AND posted_at > :since""")
                .bind("a", accountId).bind("now", now).bind("since", since).mapTo(Integer.class).one();
    }

    static void insert(Handle h, StoryItem item) {
        Records.bind(h.createUpdate("""
                INSERT INTO story_item (id, account_id, posted_by, media_id, story, kind, audience, caption, credit_id,
                                        posted_at, expires_at, highlight)
                VALUES (:id, :accountId, :postedBy, :mediaId, :story, :kind, :audience, :caption, :creditId, :postedAt,
                        :expiresAt, :highlight)"""), item).execute();
    }

    Optional<StoryItem> byId(String itemId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + StoryItem.COLUMNS + " FROM story_item i WHERE i.id = :id")
                .bind("id", itemId).map(STORY_ITEM).findOne());
    }

    /// The highlights of `story`, or its items posted after `since` and alive at `now`, oldest first.
    List<Listed> items(String ownerId, StoryItem.Story story, boolean highlights, Instant now, Instant since) {
        var where = highlights ? "i.highlight = TRUE" : "i.posted_at > :since AND (i.expires_at IS NULL OR i.expires_at > :now)";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + StoryItem.COLUMNS + """
                            , c.username AS credit_name, p.username AS poster_name,
                            """ + MediaStore.animatedSql("i.media_id") + """
                             AS animated
                            FROM story_item i
                            LEFT JOIN account c ON c.id = i.credit_id
                            LEFT JOIN account p ON p.id = i.posted_by
                            WHERE i.account_id = :owner AND i.story = :story AND""" + " " + where
                            + " ORDER BY i.posted_at")
                    .bind("owner", ownerId).bind("story", story);
            if (!highlights) query.bind("now", now).bind("since", since);
            return query.map(LISTED).list();
        });
    }

    /// Everything a view needs, in one query: views are the hottest write path.
    Optional<ViewContext> viewContext(String itemId, String viewerId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT i.account_id, i.audience, i.expires_at, i.highlight,
                       CASE WHEN""" + " " + BlockService.eitherBlocksSql("i.account_id", ":v") + """
                            THEN 1 ELSE 0 END AS blocked,
                       CASE WHEN""" + " " + FriendService.areFriendsSql(":v", "i.account_id") + """
                              OR EXISTS (SELECT 1 FROM team_member t WHERE t.account_id = i.account_id AND t.member_id = :v)
                            THEN 1 ELSE 0 END AS close,
                       CASE WHEN i.account_id IN (""" + SubscriptionService.subscribedIdsSql(":v") + """
                            ) THEN 1 ELSE 0 END AS subscriber
                FROM story_item i WHERE i.id = :id""")
                .bind("id", itemId).bind("v", viewerId)
                .map(VIEW_CONTEXT).findOne());
    }

    static void countReply(Handle h, String itemId) {
        h.createUpdate("UPDATE story_item SET replies = replies + 1 WHERE id = :id").bind("id", itemId).execute();
    }

    void countScreenshot(String itemId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE story_item SET screenshots = screenshots + 1 WHERE id = :id")
                .bind("id", itemId).execute());
    }

    /// Who viewed an item, first view first, none across a block with its account.
    List<StoryService.Viewer> viewers(String itemId, String ownerId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, v.first_seen_at AS viewed_at, v.longest_watch_ms, v.completed
                FROM story_view v JOIN account a ON a.id = v.viewer_id
                WHERE v.item_id = :id
                  AND NOT""" + " " + BlockService.eitherBlocksSql("v.viewer_id", ":owner") + """
                ORDER BY v.first_seen_at""")
                .bind("id", itemId).bind("owner", ownerId)
                .map(VIEWER).list());
    }

    /// Keeps an item past its 24 hours (`expiresAt` null) or lets it go at `expiresAt`.
    static void setHighlight(Handle h, String itemId, boolean highlight, Instant expiresAt) {
        h.createUpdate("UPDATE story_item SET highlight = :h, expires_at = :e WHERE id = :id")
                .bind("h", highlight).bind("e", expiresAt).bind("id", itemId).execute();
    }

    /// Items whose time has come, soonest first.
    List<StoryItem> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + StoryItem.COLUMNS
                        + " FROM story_item i WHERE i.expires_at <= :now ORDER BY i.expires_at LIMIT :limit")
                .bind("now", now).bind("limit", limit).map(STORY_ITEM).list());
    }

    /// Deletes an item, keeping its numbers (never its viewers) in `story_stats` first.
    void delete(String itemId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO story_stats (item_id, account_id, posted_at, views, unique_viewers, completed_viewers,
                                             watch_ms_total, screenshots, replies, band_13_17, band_18_24, band_25_34,
                                             band_35_plus, subscriber_viewers)
                    SELECT i.id, i.account_id, i.posted_at, i.views, COUNT(v.viewer_id),
                           COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(v.longest_watch_ms), 0), i.screenshots, i.replies,
                           COALESCE(SUM(CASE WHEN v.age_band = '13-17' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN v.age_band = '18-24' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN v.age_band = '25-34' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN v.age_band = '35+' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN v.subscriber THEN 1 ELSE 0 END), 0)
                    FROM story_item i LEFT JOIN story_view v ON v.item_id = i.id
                    WHERE i.id = :id AND i.story = 'main'
                    GROUP BY i.id, i.account_id, i.posted_at, i.views, i.screenshots, i.replies
                    ON CONFLICT (item_id) DO NOTHING""")
                    .bind("id", itemId).execute();
            h.createUpdate("DELETE FROM story_item WHERE id = :id").bind("id", itemId).execute();
        });
    }

    /// Forgets an account as a viewer, and who viewed it, by day.
    void forgetDailyViewer(String accountId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM story_daily_viewer WHERE viewer_id = :a OR account_id = :a")
                .bind("a", accountId).execute());
    }

    int deleteDailyViewersBefore(long day) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM story_daily_viewer WHERE day < :cutoff")
                .bind("cutoff", day).execute());
    }

    /// The accounts the viewer follows: its friends, then its subscriptions.
    static List<String> followed(Handle h, String viewerId) {
        return h.createQuery(FriendService.friendIdsSql(":me") + " UNION ALL " + SubscriptionService.subscribedIdsSql(":me"))
                .bind("me", viewerId).mapTo(String.class).list();
    }

    /// Driven from the viewer's side: the friend and subscription lists (primary-key ranges) name
    /// at most a few hundred accounts, each read through the (account_id, story, posted_at)
    /// index, so the cost grows with what the viewer follows, not with audience sizes.
    static List<FeedRow> feed(Handle h, String viewerId, Instant now, Instant since) {
        return h.createQuery("""
                SELECT i.id, i.kind, i.posted_at, i.expires_at, a.username, a.display_name, a.verified,
                       CASE WHEN EXISTS (SELECT 1 FROM story_view v WHERE v.item_id = i.id AND v.viewer_id = :me)
                            THEN 1 ELSE 0 END AS seen,
                       """ + MediaStore.animatedSql("i.media_id") + """
                 AS animated, i.story
                FROM (SELECT friend_id AS account_id, 1 AS friend FROM (""" + FriendService.friendIdsSql(":me") + """
                      ) friends
                      UNION ALL
                      SELECT account_id, 0 AS friend FROM (""" + SubscriptionService.subscribedIdsSql(":me") + """
                      ) subscribed) f
                JOIN story_item i ON i.account_id = f.account_id AND i.story IN ('main', 'community') AND i.posted_at > :since
                JOIN account a ON a.id = i.account_id
                WHERE (i.expires_at IS NULL OR i.expires_at > :now) AND (f.friend = 1 OR i.audience = 'public')
                ORDER BY a.username, i.posted_at""")
                .bind("me", viewerId).bind("now", now).bind("since", since)
                .map(FEED_ROW).list();
    }

    /// Writes a batch of views in one transaction, with a few prepared batches whatever its size.
    void recordViews(List<ViewRecorder.PendingView> batch) {
        var perItem = new HashMap<String, Integer>();
        var perDay = new HashMap<List<Object>, Integer>();
        var signedIn = new ArrayList<ViewRecorder.PendingView>();
        for (var view : batch) {
            perItem.merge(view.itemId(), 1, Integer::sum);
            perDay.merge(List.of(view.accountId(), day(view)), 1, Integer::sum);
            if (view.viewerId() != null) signedIn.add(view);
        }
        jdbi.useTransaction(h -> {
            var items = h.prepareBatch("UPDATE story_item SET views = views + :n WHERE id = :id");
            perItem.forEach((id, n) -> items.bind("n", n).bind("id", id).add());
            items.execute();
            var days = h.prepareBatch("""
                    INSERT INTO story_daily (account_id, day, views, unique_viewers) VALUES (:a, :day, :n, 0)
                    ON CONFLICT (account_id, day) DO UPDATE SET views = story_daily.views + :n""");
            perDay.forEach((key, n) -> days.bind("a", key.get(0)).bind("day", key.get(1)).bind("n", n).add());
            days.execute();
            if (signedIn.isEmpty()) return;
            var firsts = h.prepareBatch("""
                    INSERT INTO story_daily_viewer (account_id, day, viewer_id) VALUES (:a, :day, :v)
                    ON CONFLICT (account_id, day, viewer_id) DO NOTHING""");
            signedIn.forEach(v -> firsts.bind("a", v.accountId()).bind("day", day(v)).bind("v", v.viewerId()).add());
            var inserted = firsts.execute();
            var uniques = h.prepareBatch(
                    "UPDATE story_daily SET unique_viewers = unique_viewers + 1 WHERE account_id = :a AND day = :day");
            var anyUnique = false;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 1) {
                    uniques.bind("a", signedIn.get(i).accountId()).bind("day", day(signedIn.get(i))).add();
                    anyUnique = true;
                }
            }
            if (anyUnique) uniques.execute();
            // One record per viewer and item, kept by a single upsert: a repeat raises the longest
            // watch and may set completed, and never adds a viewer.
            var records = h.prepareBatch("""
                    INSERT INTO story_view (item_id, viewer_id, account_id, first_seen_at, longest_watch_ms, completed,
                                            age_band, subscriber)
                    VALUES (:item, :viewer, :account, :now, :watched, :completed, :band, :subscriber)
                    ON CONFLICT (item_id, viewer_id) DO UPDATE SET
                        longest_watch_ms = CASE WHEN excluded.longest_watch_ms > story_view.longest_watch_ms
                                                THEN excluded.longest_watch_ms ELSE story_view.longest_watch_ms END,
                        completed = (story_view.completed OR excluded.completed)""");
            signedIn.forEach(v -> records.bind("item", v.itemId()).bind("viewer", v.viewerId())
                    .bind("account", v.accountId()).bind("now", v.at()).bind("watched", v.watchedMs())
                    .bind("completed", v.completed()).bind("band", v.ageBand()).bind("subscriber", v.subscriber()).add());
            records.execute();
        });
    }

    private static long day(ViewRecorder.PendingView view) {
        return Math.floorDiv(view.at(), DAY);
    }
}
