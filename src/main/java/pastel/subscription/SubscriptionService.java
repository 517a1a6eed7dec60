package pastel.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.problem.PastelException;

/// One-way subscriptions to public accounts. PUT and DELETE are idempotent.
public final class SubscriptionService {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;

    public SubscriptionService(Jdbi jdbi, AccountService accounts, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.clock = clock;
    }

    public record Subscription(String username, String displayName, Account.Category category, String city,
                               boolean verified, Instant since) {}

    public void subscribe(Account me, String username) {
        var target = publicAccount(me, username);
        if (target.id().equals(me.id())) throw new PastelException.Conflict("you cannot subscribe to yourself");
        jdbi.useTransaction(h -> {
            var added = h.createUpdate("""
                    INSERT INTO subscription (subscriber_id, account_id, since) VALUES (:me, :target, :now)
                    ON CONFLICT (subscriber_id, account_id) DO NOTHING""")
                    .bind("me", me.id()).bind("target", target.id()).bind("now", clock.millis()).execute();
            if (added == 1) recordEvent(h, target.id(), clock.millis(), +1);
        });
        accounts.changed(me.id());
    }

    public void unsubscribe(Account me, String username) {
        var target = accounts.visibleTo(me, username);
        jdbi.useTransaction(h -> {
            var removed = h.createUpdate("DELETE FROM subscription WHERE subscriber_id = :me AND account_id = :target")
                    .bind("me", me.id()).bind("target", target.id()).execute();
            if (removed == 1) recordEvent(h, target.id(), clock.millis(), -1);
        });
        accounts.changed(me.id());
    }

    public List<Subscription> subscriptions(Account me) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, a.category, a.city, a.verified, s.since
                FROM subscription s JOIN account a ON a.id = s.account_id
                WHERE s.subscriber_id = :me
                ORDER BY a.username""")
                .bind("me", me.id())
                .map((rs, ctx) -> new Subscription(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("category") == null ? null : Account.Category.valueOf(rs.getString("category").toUpperCase()),
                        rs.getString("city"), rs.getBoolean("verified"), Instant.ofEpochMilli(rs.getLong("since"))))
                .list());
    }

    /// The subscriber history insights read gains and losses from (no subscriber identity kept).
    public static void recordEvent(org.jdbi.v3.core.Handle h, String accountId, long at, int delta) {
        h.createUpdate("INSERT INTO subscription_event (account_id, at, delta) VALUES (:a, :at, :d)")
                .bind("a", accountId).bind("at", at).bind("d", delta).execute();
    }

    private Account publicAccount(Account me, String username) {
        var target = accounts.visibleTo(me, username);
        if (!target.isPublic()) {
            throw new PastelException.NotFound("'" + target.username() + "' is not a public account; befriend it instead");
        }
        return target;
    }
}
