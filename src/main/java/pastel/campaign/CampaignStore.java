package pastel.campaign;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/// The `subscription_source` counters: how many subscribed to an account per UTC day, source and
/// campaign tag (no subscriber identity).
final class CampaignStore {
    private static final long DAY = 86_400_000L;

    private final Jdbi jdbi;

    CampaignStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static void count(Handle h, String accountId, Instant at, SubscriptionSource from) {
        // One statement, so two subscriptions at once both count (no read-then-write).
        h.createUpdate("""
                INSERT INTO subscription_source (account_id, day, source, campaign, subscriptions)
                VALUES (:account, :day, :source, :campaign, 1)
                ON CONFLICT (account_id, day, source, campaign)
                DO UPDATE SET subscriptions = subscription_source.subscriptions + 1""")
                .bind("account", accountId).bind("day", Math.floorDiv(at.toEpochMilli(), DAY) * DAY)
                .bind("source", from.source().name().toLowerCase()).bind("campaign", from.campaign()).execute();
    }

    /// Subscriptions per source and campaign since the UTC day of `from`, most first.
    List<SourceCount> since(String accountId, Instant from) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT source, campaign, SUM(subscriptions) AS subscriptions
                FROM subscription_source
                WHERE account_id = :account AND day >= :from
                GROUP BY source, campaign
                ORDER BY subscriptions DESC, source, campaign""")
                .bind("account", accountId).bind("from", Math.floorDiv(from.toEpochMilli(), DAY) * DAY)
                .map((rs, ctx) -> new SourceCount(rs.getString("source"), rs.getString("campaign"), rs.getLong("subscriptions")))
                .list());
    }
}
