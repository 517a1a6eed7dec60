package pastel.insights;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.problem.PastelException;
import pastel.team.TeamService;

/// Reach of an official account over the last 1-90 days, for its owner and managers.
///
/// Live items are counted from their viewer records; deleted items from the aggregates frozen at
/// deletion (no viewer identities survive). Audience cells under the threshold are "suppressed".
public final class InsightsService {
    static final List<String> BANDS = List.of("13-17", "18-24", "25-34", "35+");
    private static final long DAY = 86_400_000L;

    private final Jdbi jdbi;
    private final TeamService team;
    private final CurrentAccount current;
    private final Clock clock;
    private final int threshold;

    public InsightsService(Jdbi jdbi, TeamService team, CurrentAccount current, Clock clock, int threshold) {
        this.jdbi = jdbi;
        this.team = team;
        this.current = current;
        this.clock = clock;
        this.threshold = threshold;
    }

    public record ItemInsight(String id, Instant postedAt, long views, long uniqueViewers, Long avgWatchMs,
                              Double completionRate, long screenshots, long replies) {}

    public record DayInsight(LocalDate date, long views, long uniqueViewers, long subscribersGained, long subscribersLost) {}

    public record Audience(Map<String, Object> ageBands, Map<String, Object> subscriberShare) {}

    public record Summary(int days, long subscribers, long subscribersGained, long subscribersLost, long views,
                          long uniqueViewers, Long avgWatchMs, Double completionRate, Audience audience,
                          long pushFollowers) {}

    public void register(Api api) {
        var routes = api.group("insights");
        routes.get("/accounts/{username}/insights/summary", ctx -> ctx.json(summary(account(ctx), days(ctx))))
                .summary("Subscribers, gains and losses, views, unique viewers, watch time, completion and audience").query("days", Integer.class, "1-90 (default 7)").returns(Summary.class).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/stories", ctx -> ctx.json(items(account(ctx), days(ctx))))
                .summary("Per item: views, unique viewers, average watch, completion rate, screenshots, replies").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(ItemInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/daily", ctx -> ctx.json(daily(account(ctx), days(ctx))))
                .summary("Per day: views, unique viewers, subscribers gained and lost").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(DayInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/export.csv", this::csv).produces("text/csv")
                .summary("All of the above as CSV").query("days", Integer.class, "1-90 (default 7)").access(Access.TEAM);
    }

    private Account account(Context ctx) {
        var account = team.managed(current.require(ctx), ctx.pathParam("username"));
        if (!account.isPublic()) throw new PastelException.NotFound("insights are for public accounts");
        return account;
    }

    private static int days(Context ctx) {
        var raw = ctx.queryParam("days");
        if (raw == null || raw.isBlank()) return 7;
        try {
            var days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= 90) return days;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PastelException.Invalid("days", "out-of-range", "must be a whole number from 1 to 90");
    }

    private long fromMillis(int days) {
        return (Math.floorDiv(clock.millis(), DAY) - (days - 1)) * DAY;
    }

    public List<ItemInsight> items(Account account, int days) {
        var from = fromMillis(days);
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT i.id AS item_id, i.posted_at, i.views, COUNT(v.viewer_id) AS unique_viewers,
                       COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0) AS completed_viewers,
                       COALESCE(SUM(v.longest_watch_ms), 0) AS watch_ms_total, i.screenshots, i.replies
                FROM story_item i LEFT JOIN story_view v ON v.item_id = i.id
                WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from
                GROUP BY i.id, i.posted_at, i.views, i.screenshots, i.replies
                UNION ALL
                SELECT s.item_id, s.posted_at, s.views, s.unique_viewers, s.completed_viewers, s.watch_ms_total,
                       s.screenshots, s.replies
                FROM story_stats s
                WHERE s.account_id = :a AND s.posted_at >= :from
                  AND NOT EXISTS (SELECT 1 FROM story_item i2 WHERE i2.id = s.item_id)
                ORDER BY posted_at, item_id""")
                .bind("a", account.id()).bind("from", from)
                .map((rs, c) -> {
                    var unique = rs.getLong("unique_viewers");
                    return new ItemInsight(rs.getString("item_id"), Instant.ofEpochMilli(rs.getLong("posted_at")),
                            rs.getLong("views"), unique, unique == 0 ? null : rs.getLong("watch_ms_total") / unique,
                            unique == 0 ? null : (double) rs.getLong("completed_viewers") / unique,
                            rs.getLong("screenshots"), rs.getLong("replies"));
                })
                .list());
    }

    public List<DayInsight> daily(Account account, int days) {
        var from = fromMillis(days);
        var firstDay = Math.floorDiv(from, DAY);
        return jdbi.withHandle(h -> {
            var byDay = new LinkedHashMap<Long, long[]>();
            for (long d = firstDay; d < firstDay + days; d++) byDay.put(d, new long[4]);
            h.createQuery("SELECT day, views, unique_viewers FROM story_daily WHERE account_id = :a AND day >= :first")
                    .bind("a", account.id()).bind("first", firstDay)
                    .map((rs, c) -> {
                        var row = byDay.get(rs.getLong("day"));
                        if (row != null) {
                            row[0] = rs.getLong("views");
                            row[1] = rs.getLong("unique_viewers");
                        }
                        return null;
                    }).list();
            h.createQuery("SELECT at, delta FROM subscription_event WHERE account_id = :a AND at >= :from")
                    .bind("a", account.id()).bind("from", from)
                    .map((rs, c) -> {
                        var row = byDay.get(Math.floorDiv(rs.getLong("at"), DAY));
                        if (row != null) row[rs.getInt("delta") > 0 ? 2 : 3]++;
                        return null;
                    }).list();
            var result = new ArrayList<DayInsight>();
            byDay.forEach((day, row) -> result.add(new DayInsight(LocalDate.ofEpochDay(day), row[0], row[1], row[2], row[3])));
            return result;
        });
    }

    public Summary summary(Account account, int days) {
        var from = fromMillis(days);
        return jdbi.withHandle(h -> {
            var subscribers = one(h, "SELECT COUNT(*) FROM subscription WHERE account_id = :a", account.id(), from);
            var gained = one(h, "SELECT COUNT(*) FROM subscription_event WHERE account_id = :a AND at >= :from AND delta > 0",
                    account.id(), from);
            var lost = one(h, "SELECT COUNT(*) FROM subscription_event WHERE account_id = :a AND at >= :from AND delta < 0",
                    account.id(), from);
            var views = one(h, "SELECT COALESCE(SUM(views), 0) FROM story_daily WHERE account_id = :a AND day >= "
                    + Math.floorDiv(from, DAY), account.id(), from);
            // Live items: distinct viewers across items. Deleted items: their frozen per-item counts.
            var live = h.createQuery("""
                    SELECT COUNT(DISTINCT v.viewer_id) AS viewers, COUNT(*) AS records,
                           COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0) AS completed,
                           COALESCE(SUM(v.longest_watch_ms), 0) AS watch
                    FROM story_view v JOIN story_item i ON i.id = v.item_id
                    WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from""")
                    .bind("a", account.id()).bind("from", from).mapToMap().one();
            var frozen = h.createQuery("""
                    SELECT COALESCE(SUM(unique_viewers), 0) AS viewers, COALESCE(SUM(completed_viewers), 0) AS completed,
                           COALESCE(SUM(watch_ms_total), 0) AS watch, COALESCE(SUM(band_13_17), 0) AS b1,
                           COALESCE(SUM(band_18_24), 0) AS b2, COALESCE(SUM(band_25_34), 0) AS b3,
                           COALESCE(SUM(band_35_plus), 0) AS b4, COALESCE(SUM(subscriber_viewers), 0) AS subs
                    FROM story_stats s WHERE s.account_id = :a AND s.posted_at >= :from
                      AND NOT EXISTS (SELECT 1 FROM story_item i WHERE i.id = s.item_id)""")
                    .bind("a", account.id()).bind("from", from).mapToMap().one();
            var uniqueViewers = num(live.get("viewers")) + num(frozen.get("viewers"));
            var records = num(live.get("records")) + num(frozen.get("viewers"));
            var completed = num(live.get("completed")) + num(frozen.get("completed"));
            var watch = num(live.get("watch")) + num(frozen.get("watch"));

            var bands = new long[4];
            h.createQuery("""
                    SELECT v.age_band, COUNT(DISTINCT v.viewer_id) AS viewers
                    FROM story_view v JOIN story_item i ON i.id = v.item_id
                    WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from AND v.age_band IS NOT NULL
                    GROUP BY v.age_band""")
                    .bind("a", account.id()).bind("from", from)
                    .map((rs, c) -> {
                        var index = BANDS.indexOf(rs.getString("age_band"));
                        if (index >= 0) bands[index] += rs.getLong("viewers");
                        return null;
                    }).list();
            bands[0] += num(frozen.get("b1"));
            bands[1] += num(frozen.get("b2"));
            bands[2] += num(frozen.get("b3"));
            bands[3] += num(frozen.get("b4"));
            var subscriberViewers = h.createQuery("""
                    SELECT COUNT(DISTINCT v.viewer_id) FROM story_view v JOIN story_item i ON i.id = v.item_id
                    WHERE i.account_id = :a AND i.story = 'main' AND i.posted_at >= :from AND v.subscriber = TRUE""")
                    .bind("a", account.id()).bind("from", from).mapTo(Long.class).one() + num(frozen.get("subs"));

            var ageBands = new LinkedHashMap<String, Object>();
            for (int i = 0; i < BANDS.size(); i++) ageBands.put(BANDS.get(i), cell(bands[i]));
            var share = new LinkedHashMap<String, Object>();
            share.put("subscribers", cell(subscriberViewers));
            share.put("others", cell(uniqueViewers - subscriberViewers));
            // Visitors who follow the account by push without an account: a count, nothing about them.
            var pushFollowers = one(h, "SELECT COUNT(*) FROM push_follow WHERE account_id = :a", account.id(), from);
            return new Summary(days, subscribers, gained, lost, views, uniqueViewers,
                    records == 0 ? null : watch / records, records == 0 ? null : (double) completed / records,
                    new Audience(ageBands, share), pushFollowers);
        });
    }

    /// A count of people as shown: the number, or "suppressed" under the threshold.
    private Object cell(long people) {
        return people < threshold ? "suppressed" : people;
    }

    private void csv(Context ctx) {
        var account = account(ctx);
        var days = days(ctx);
        var summary = summary(account, days);
        var out = new StringBuilder();
        out.append("section,key,value\n");
        row(out, "summary", "days", summary.days());
        row(out, "summary", "subscribers", summary.subscribers());
        row(out, "summary", "subscribersGained", summary.subscribersGained());
        row(out, "summary", "subscribersLost", summary.subscribersLost());
        row(out, "summary", "pushFollowers", summary.pushFollowers());
        row(out, "summary", "views", summary.views());
        row(out, "summary", "uniqueViewers", summary.uniqueViewers());
        row(out, "summary", "avgWatchMs", summary.avgWatchMs());
        row(out, "summary", "completionRate", summary.completionRate());
        summary.audience().ageBands().forEach((band, value) -> row(out, "ageBand", band, value));
        summary.audience().subscriberShare().forEach((who, value) -> row(out, "subscriberShare", who, value));
        out.append("\nitem,postedAt,views,uniqueViewers,avgWatchMs,completionRate,screenshots,replies\n");
        for (var item : items(account, days)) {
            out.append(item.id()).append(',').append(item.postedAt()).append(',').append(item.views()).append(',')
                    .append(item.uniqueViewers()).append(',').append(blank(item.avgWatchMs())).append(',')
                    .append(blank(item.completionRate())).append(',').append(item.screenshots()).append(',')
                    .append(item.replies()).append('\n');
        }
        out.append("\ndate,views,uniqueViewers,subscribersGained,subscribersLost\n");
        for (var day : daily(account, days)) {
            out.append(day.date()).append(',').append(day.views()).append(',').append(day.uniqueViewers()).append(',')
                    .append(day.subscribersGained()).append(',').append(day.subscribersLost()).append('\n');
        }
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + account.username() + "-insights-" + days + "d.csv\"")
                .result(out.toString());
    }

    private static void row(StringBuilder out, String section, String key, Object value) {
        out.append(section).append(',').append(key).append(',').append(blank(value)).append('\n');
    }

    private static String blank(Object value) {
        return value == null ? "" : value.toString();
    }

    private static long one(Handle h, String sql, String accountId, long from) {
        var query = h.createQuery(sql).bind("a", accountId);
        if (sql.contains(":from")) query.bind("from", from);
        return query.mapTo(Long.class).one();
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
