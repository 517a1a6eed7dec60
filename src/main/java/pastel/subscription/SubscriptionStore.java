package pastel.subscription;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.friend.FriendService;

/// The `subscription` table (who subscribes to which public account) and `subscription_event`,
/// the history of gains and losses insights reads (no subscriber identity kept there).
final class SubscriptionStore {
    private final Jdbi jdbi;

    SubscriptionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    static String subscriberIdsSql(String account) {
        return "SELECT subscriber_id FROM subscription WHERE account_id = " + account;
    }

    static final String SUBSCRIBER_COUNTS = "SELECT account_id, COUNT(*) AS subscriber_count FROM subscription GROUP BY account_id";

    static String subscribesSql(String subscriber, String account) {
        return "EXISTS (SELECT 1 FROM subscription sub WHERE sub.subscriber_id = %s AND sub.account_id = %s)"
                .formatted(subscriber, account);
    }

    static String subscribedIdsSql(String subscriber) {
        return "SELECT account_id FROM subscription WHERE subscriber_id = " + subscriber;
    }

    /// Adds the subscription; false when it was there already.
    static boolean insert(Handle h, String subscriber, String account, long now) {
        return h.createUpdate("""
                INSERT INTO subscription (subscriber_id, account_id, since) VALUES (:me, :target, :now)
                ON CONFLICT (subscriber_id, account_id) DO NOTHING""")
                .bind("me", subscriber).bind("target", account).bind("now", now).execute() == 1;
    }

    /// Removes the subscription; false when there was none.
    static boolean delete(Handle h, String subscriber, String account) {
        return h.createUpdate("DELETE FROM subscription WHERE subscriber_id = :me AND account_id = :target")
                .bind("me", subscriber).bind("target", account).execute() == 1;
    }

    static void recordEvent(Handle h, String accountId, long at, int delta) {
        h.createUpdate("INSERT INTO subscription_event (account_id, at, delta) VALUES (:a, :at, :d)")
                .bind("a", accountId).bind("at", at).bind("d", delta).execute();
    }

    static long subscriberCount(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM subscription WHERE account_id = :id")
                .bind("id", accountId).mapTo(Long.class).one();
    }

    static List<SubscriptionService.Change> changesSince(Handle h, String accountId, long from) {
        return h.createQuery("SELECT at, delta FROM subscription_event WHERE account_id = :a AND at >= :from")
                .bind("a", accountId).bind("from", from)
                .map((rs, ctx) -> new SubscriptionService.Change(Instant.ofEpochMilli(rs.getLong("at")), rs.getInt("delta")))
                .list();
    }

    Set<String> followersOf(String accountId) {
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(
                        FriendService.friendIdsSql(":a") + " UNION " + subscriberIdsSql(":a"))
                .bind("a", accountId).mapTo(String.class).list()));
    }

    List<SubscriptionService.Subscription> subscriptionsOf(String subscriber) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, a.category, a.city, a.verified, s.since
                FROM subscription s JOIN account a ON a.id = s.account_id
                WHERE s.subscriber_id = :me
                ORDER BY a.username""")
                .bind("me", subscriber)
                .map((rs, ctx) -> new SubscriptionService.Subscription(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("category") == null ? null : Account.Category.valueOf(rs.getString("category").toUpperCase()),
                        rs.getString("city"), rs.getBoolean("verified"), Instant.ofEpochMilli(rs.getLong("since"))))
                .list());
    }
}
