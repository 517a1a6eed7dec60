package pastel.insights;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/// The queries behind insights. Insights owns no table: it only reads the numbers that stories
/// (`story_item`, `story_view`, `story_stats`, `story_daily`) and push (`push_follow`) keep;
/// subscriber counts come from [pastel.subscription.SubscriptionService].
final class InsightsStore {
    /// An item's numbers: live ones from its viewer records, a deleted one's from its frozen stats.
    /// `mediaId`, `kind` and `caption` are null for a deleted item: only its numbers were kept.
    record ItemCounts(String itemId, Instant postedAt, String mediaId, String kind, String caption, long views,
                      long uniqueViewers, long completedViewers, long watchMsTotal, long screenshots, long replies) {}

    record DayViews(long day, long views, long uniqueViewers) {}

    /// Totals over the viewer records of live items: distinct viewers, records, completions, watch time.
    record LiveTotals(long viewers, long records, long completed, long watch) {}

    /// Totals over the frozen numbers of deleted items.
    record FrozenTotals(long viewers, long completed, long watch, long band1317, long band1824, long band2534,
                        long band35Plus, long subscriberViewers) {}

    record BandViewers(String ageBand, long viewers) {}

    private static final RowMapper<ItemCounts> ITEM_COUNTS = ConstructorMapper.of(ItemCounts.class);
    private static final RowMapper<DayViews> DAY_VIEWS = ConstructorMapper.of(DayViews.class);
    private static final RowMapper<LiveTotals> LIVE = ConstructorMapper.of(LiveTotals.class);
    private static final RowMapper<FrozenTotals> FROZEN = ConstructorMapper.of(FrozenTotals.class);
    private static final RowMapper<BandViewers> BANDS = ConstructorMapper.of(BandViewers.class);

    private final Jdbi jdbi;

    InsightsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /// Items of the account's main story posted from `from` on, live and deleted, oldest first.
    List<ItemCounts> items(String accountId, Instant from) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT i.id AS item_id, i.posted_at, i.media_id, i.kind, i.caption, i.views,
                       COUNT(v.viewer_id) AS unique_viewers,
                       COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0) AS completed_viewers,
                       COALESCE(SUM(v.longest_watch_ms), 0) AS watch_ms_total, i.screenshots, i.replies
                FROM story_item i LEFT JOIN story_view v ON v.item_id = i.id
                WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from
                GROUP BY i.id, i.posted_at, i.media_id, i.kind, i.caption, i.views, i.screenshots, i.replies
                UNION ALL
                SELECT s.item_id, s.posted_at, NULL, NULL, NULL, s.views, s.unique_viewers, s.completed_viewers, s.watch_ms_total,
                       s.screenshots, s.replies
                FROM story_stats s
                WHERE s.account_id = :a AND s.posted_at >= :from
                  AND NOT EXISTS (SELECT 1 FROM story_item i2 WHERE i2.id = s.item_id)
                ORDER BY posted_at, item_id""")
                .bind("a", accountId).bind("from", from).map(ITEM_COUNTS).list());
    }

    /// Views per day (days since the epoch) from `firstDay` on.
    static List<DayViews> dailyViews(Handle h, String accountId, long firstDay) {
        return h.createQuery("SELECT day, views, unique_viewers FROM story_daily WHERE account_id = :a AND day >= :first")
                .bind("a", accountId).bind("first", firstDay).map(DAY_VIEWS).list();
    }

    static long views(Handle h, String accountId, long firstDay) {
        return h.createQuery("SELECT COALESCE(SUM(views), 0) FROM story_daily WHERE account_id = :a AND day >= :first")
                .bind("a", accountId).bind("first", firstDay).mapTo(Long.class).one();
    }

    static LiveTotals liveTotals(Handle h, String accountId, Instant from) {
        return h.createQuery("""
                SELECT COUNT(DISTINCT v.viewer_id) AS viewers, COUNT(*) AS records,
                       COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0) AS completed,
                       COALESCE(SUM(v.longest_watch_ms), 0) AS watch
                FROM story_view v JOIN story_item i ON i.id = v.item_id
                WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from""")
                .bind("a", accountId).bind("from", from).map(LIVE).one();
    }

    static FrozenTotals frozenTotals(Handle h, String accountId, Instant from) {
        return h.createQuery("""
                SELECT COALESCE(SUM(unique_viewers), 0) AS viewers, COALESCE(SUM(completed_viewers), 0) AS completed,
                       COALESCE(SUM(watch_ms_total), 0) AS watch, COALESCE(SUM(band_13_17), 0) AS band_13_17,
                       COALESCE(SUM(band_18_24), 0) AS band_18_24, COALESCE(SUM(band_25_34), 0) AS band_25_34,
                       COALESCE(SUM(band_35_plus), 0) AS band_35_plus,
                       COALESCE(SUM(subscriber_viewers), 0) AS subscriber_viewers
                FROM story_stats s WHERE s.account_id = :a AND s.posted_at >= :from
                  AND NOT EXISTS (SELECT 1 FROM story_item i WHERE i.id = s.item_id)""")
                .bind("a", accountId).bind("from", from).map(FROZEN).one();
    }

    /// Distinct viewers of live items per age band (viewers without a birth date left out).
    static List<BandViewers> liveBands(Handle h, String accountId, Instant from) {
        return h.createQuery("""
                SELECT v.age_band, COUNT(DISTINCT v.viewer_id) AS viewers
                FROM story_view v JOIN story_item i ON i.id = v.item_id
                WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from AND v.age_band IS NOT NULL
                GROUP BY v.age_band""")
                .bind("a", accountId).bind("from", from).map(BANDS).list();
    }

    /// Distinct viewers of live items who were subscribers when they looked.
    static long liveSubscriberViewers(Handle h, String accountId, Instant from) {
        return h.createQuery("""
                SELECT COUNT(DISTINCT v.viewer_id) FROM story_view v JOIN story_item i ON i.id = v.item_id
                WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from AND v.subscriber = TRUE""")
                .bind("a", accountId).bind("from", from).mapTo(Long.class).one();
    }

    /// Visitors who follow the account by push without an account: a count, nothing about them.
    static long pushFollowers(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM push_follow WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one();
    }
}
