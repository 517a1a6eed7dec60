package pastel.insights;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.Viewer;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.subscription.SubscriptionService;
import pastel.team.TeamService;

/// Reach of an official account over the last 1-90 days, for its owner and managers.
///
/// Live items are counted from their viewer records; deleted items from the aggregates frozen at
/// deletion (no viewer identities survive). Audience cells under the threshold are "suppressed".
public final class InsightsService {
    static final List<String> BANDS = List.of("13-17", "18-24", "25-34", "35+");
    private static final long DAY = 86_400_000L;

    /// The period insights cover, from a `days` query parameter: 1-90 days, 7 when absent; a 400
    /// on the field `days` otherwise. Every insights view (and the subscriber sources) reads it here.
    public static int days(String raw) {
        if (raw == null || raw.isBlank()) return 7;
        try {
            var days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= 90) return days;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PastelException.Invalid("days", "out-of-range", "must be a whole number from 1 to 90");
    }

    private final InsightsStore store;
    private final TeamService team;
    private final Clock clock;
    private final int threshold;

    private final SignedUrls urls;

    public InsightsService(Jdbi jdbi, TeamService team, SignedUrls urls, Clock clock, int threshold) {
        this.store = new InsightsStore(jdbi);
        this.urls = urls;
        this.team = team;
        this.clock = clock;
        this.threshold = threshold;
    }

    /// One item's numbers. `kind` (image, video), `caption` and `thumbnailUrl` are null once the item
    /// is deleted (its numbers stay, its picture is gone); `thumbnailUrl` is signed for the reader.
    public record ItemInsight(String id, Instant postedAt, String kind, String caption, String thumbnailUrl, long views,
                              long uniqueViewers, Long avgWatchMs, Double completionRate, long screenshots, long replies) {}

    public record DayInsight(LocalDate date, long views, long uniqueViewers, long subscribersGained, long subscribersLost) {}

    /// Audience cells: a number of people, or "suppressed" under `threshold` people.
    public record Audience(Map<String, Object> ageBands, Map<String, Object> subscriberShare, int threshold) {}

    public record Summary(int days, long subscribers, long subscribersGained, long subscribersLost, long views,
                          long uniqueViewers, Long avgWatchMs, Double completionRate, Audience audience,
                          long pushFollowers) {}

    /// The public account `username` whose insights `me` may read (its team), else 404.
    Account official(Account me, String username) {
        var account = team.managed(me, username);
        if (!account.isPublic()) throw new PastelException.NotFound("insights are for public accounts");
        return account;
    }

    /// The start of the first of the last `days` days (UTC), today included.
    Instant from(int days) {
        return Instant.ofEpochMilli((Math.floorDiv(clock.millis(), DAY) - (days - 1)) * DAY);
    }

    /// Items posted in the period, oldest first; `reader` (null in exports) gets thumbnail URLs.
    public List<ItemInsight> items(Account account, int days, Viewer reader) {
        return store.items(account.id(), from(days)).stream().map(item -> {
            var unique = item.uniqueViewers();
            var thumb = reader == null || item.mediaId() == null ? null
                    : urls.sign(item.mediaId(), SignedUrls.Variant.THUMB, reader);
            return new ItemInsight(item.itemId(), item.postedAt(),
                    item.kind() == null ? null : item.kind().toLowerCase(java.util.Locale.ROOT), item.caption(), thumb,
                    item.views(), unique, unique == 0 ? null : item.watchMsTotal() / unique,
                    unique == 0 ? null : (double) item.completedViewers() / unique, item.screenshots(), item.replies());
        }).toList();
    }

    public List<DayInsight> daily(Account account, int days) {
        var from = from(days);
        var firstDay = Math.floorDiv(from.toEpochMilli(), DAY);
        return store.jdbi().withHandle(h -> {
            var byDay = new LinkedHashMap<Long, long[]>();
            for (long d = firstDay; d < firstDay + days; d++) byDay.put(d, new long[4]);
            for (var day : InsightsStore.dailyViews(h, account.id(), firstDay)) {
                var row = byDay.get(day.day());
                if (row != null) {
                    row[0] = day.views();
                    row[1] = day.uniqueViewers();
                }
            }
            for (var change : SubscriptionService.changesSince(h, account.id(), from)) {
                var row = byDay.get(Math.floorDiv(change.at().toEpochMilli(), DAY));
                if (row != null) row[change.delta() > 0 ? 2 : 3]++;
            }
            var result = new ArrayList<DayInsight>();
            byDay.forEach((day, row) -> result.add(new DayInsight(LocalDate.ofEpochDay(day), row[0], row[1], row[2], row[3])));
            return result;
        });
    }

    public Summary summary(Account account, int days) {
        var from = from(days);
        var id = account.id();
        return store.jdbi().withHandle(h -> {
            var subscribers = SubscriptionService.subscriberCount(h, id);
            var changes = SubscriptionService.changesSince(h, id, from);
            var gained = changes.stream().filter(c -> c.delta() > 0).count();
            var lost = changes.stream().filter(c -> c.delta() < 0).count();
            var views = InsightsStore.views(h, id, Math.floorDiv(from.toEpochMilli(), DAY));
            // Live items: distinct viewers across items. Deleted items: their frozen per-item counts.
            var live = InsightsStore.liveTotals(h, id, from);
            var frozen = InsightsStore.frozenTotals(h, id, from);
            var uniqueViewers = live.viewers() + frozen.viewers();
            var records = live.records() + frozen.viewers();
            var completed = live.completed() + frozen.completed();
            var watch = live.watch() + frozen.watch();

            var bands = new long[] {frozen.band1317(), frozen.band1824(), frozen.band2534(), frozen.band35Plus()};
            for (var band : InsightsStore.liveBands(h, id, from)) {
                var index = BANDS.indexOf(band.ageBand());
                if (index >= 0) bands[index] += band.viewers();
            }
            var subscriberViewers = InsightsStore.liveSubscriberViewers(h, id, from) + frozen.subscriberViewers();

            var ageBands = new LinkedHashMap<String, Object>();
            for (int i = 0; i < BANDS.size(); i++) ageBands.put(BANDS.get(i), cell(bands[i]));
            var share = new LinkedHashMap<String, Object>();
            share.put("subscribers", cell(subscriberViewers));
            share.put("others", cell(uniqueViewers - subscriberViewers));
            return new Summary(days, subscribers, gained, lost, views, uniqueViewers,
                    records == 0 ? null : watch / records, records == 0 ? null : (double) completed / records,
                    new Audience(ageBands, share, threshold), InsightsStore.pushFollowers(h, id));
        });
    }

    /// A count of people as shown: the number, or "suppressed" under the threshold.
    private Object cell(long people) {
        return people < threshold ? "suppressed" : people;
    }
}
