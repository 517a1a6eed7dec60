package pastel.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.campaign.SubscriptionSource;
import pastel.problem.PastelException;

/// One-way subscriptions to public accounts. PUT and DELETE are idempotent.
///
/// Also the owner of [#followersOf]: who is told of an account's new story items. A friendship
/// is a subscription both ways, so the followers of an account are its subscribers and its
/// friends; the rule sits here, next to the one-way half, and asks the friend feature for the
/// other half (friend does not depend on subscription).
public final class SubscriptionService {
    private final SubscriptionStore store;
    private final AccountService accounts;
    private final Clock clock;

    public SubscriptionService(Jdbi jdbi, AccountService accounts, Clock clock) {
        this.store = new SubscriptionStore(jdbi);
        this.accounts = accounts;
        this.clock = clock;
    }

    public record Subscription(String username, String displayName, Account.Category category, String city,
                               boolean verified, Instant since) {}

    /// One gain (+1) or loss (-1) of a subscriber.
    public record Change(Instant at, int delta) {}

    public void subscribe(Account me, String username) {
        subscribe(me, username, SubscriptionSource.OTHER);
    }

    /// Subscribes, counting the new subscription under `from` (a poster's campaign, discovery...).
    public void subscribe(Account me, String username, SubscriptionSource from) {
        var target = publicAccount(me, username);
        if (target.id().equals(me.id())) throw new PastelException.Conflict("you cannot subscribe to yourself");
        store.jdbi().useTransaction(h -> {
            if (SubscriptionStore.insert(h, me.id(), target.id(), clock.millis())) {
                SubscriptionStore.recordEvent(h, target.id(), clock.millis(), +1);
                from.count(h, target.id(), clock.instant());
            }
        });
        accounts.changed(me.id());
    }

    public void unsubscribe(Account me, String username) {
        var target = accounts.visibleTo(me, username);
        store.jdbi().useTransaction(h -> unsubscribe(h, me.id(), target.id()));
        accounts.changed(me.id());
    }

    private void unsubscribe(Handle h, String subscriber, String account) {
        if (SubscriptionStore.delete(h, subscriber, account)) SubscriptionStore.recordEvent(h, account, clock.millis(), -1);
    }

    /// Ends the subscriptions between two accounts, both ways, inside another feature's
    /// transaction (a block); each one ended counts as a lost subscriber.
    public void endBetween(Handle h, String a, String b) {
        unsubscribe(h, a, b);
        unsubscribe(h, b, a);
    }

    public List<Subscription> subscriptions(Account me) {
        return store.subscriptionsOf(me.id());
    }

    /// Who is told when the account posts a story: its friends and its subscribers, by id.
    public Set<String> followersOf(String accountId) {
        return store.followersOf(accountId);
    }

    public long subscriberCount(String accountId) {
        return store.jdbi().withHandle(h -> SubscriptionStore.subscriberCount(h, accountId));
    }

    public static long subscriberCount(Handle h, String accountId) {
        return SubscriptionStore.subscriberCount(h, accountId);
    }

    /// The account's gains and losses of subscribers from `from` on (insights).
    public static List<Change> changesSince(Handle h, String accountId, Instant from) {
        return SubscriptionStore.changesSince(h, accountId, from.toEpochMilli());
    }

    /// The ids of the subscribers of `account` as an SQL sub-query (`account` a column
    /// expression or parameter of the surrounding query).
    public static String subscriberIdsSql(String account) {
        return SubscriptionStore.subscriberIdsSql(account);
    }

    /// Every subscribed account's count, as an SQL sub-query with the columns `account_id` and
    /// `subscriber_count` (accounts without subscribers are absent).
    public static final String SUBSCRIBER_COUNTS_SQL = SubscriptionStore.SUBSCRIBER_COUNTS;

    /// Whether `subscriber` subscribes to `account`, as an SQL condition (alias `sub`).
    public static String subscribesSql(String subscriber, String account) {
        return SubscriptionStore.subscribesSql(subscriber, account);
    }

    /// The ids of the accounts `subscriber` subscribes to, as an SQL sub-query.
    public static String subscribedIdsSql(String subscriber) {
        return SubscriptionStore.subscribedIdsSql(subscriber);
    }

    private Account publicAccount(Account me, String username) {
        var target = accounts.visibleTo(me, username);
        if (!target.isPublic()) {
            throw new PastelException.NotFound("'" + target.username() + "' is not a public account; befriend it instead");
        }
        return target;
    }
}
