package pastel.friend;

import java.time.Clock;
import org.jdbi.v3.core.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Ages;
import pastel.account.Unlink;
import pastel.block.BlockService;
import pastel.db.Database;
import pastel.db.Ids;
import pastel.db.Locks;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;
import pastel.realtime.Event;
import pastel.realtime.EventBus;

/// Mutual friendship between personal accounts: request, then accept.
public final class FriendService {
    private final FriendStore store;
    private final AccountService accounts;
    private final Database.Dialect dialect;
    private final Clock clock;
    private final EventBus events;
    private final Ages ages;
    private final List<Unlink> endsWithFriendship = new CopyOnWriteArrayList<>();

    public FriendService(Database database, AccountService accounts, EventBus events, Clock clock) {
        this.events = events;
        this.store = new FriendStore(database.jdbi());
        this.dialect = database.dialect();
        this.accounts = accounts;
        this.clock = clock;
        this.ages = new Ages(clock);
    }

    /// The answer to a friend request: pending, or an instant friendship when they had asked first.
    public sealed interface Outcome {
        record Requested(RequestView request) implements Outcome {}
        record Accepted(Friend friend) implements Outcome {}
    }

    public Outcome request(Account me, String username) {
        if (username == null || username.isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("username"));
        var target = accounts.visibleTo(me, username.strip());
        if (target.id().equals(me.id())) throw new PastelException.Invalid("username", "not-yourself", "you cannot befriend yourself");
        if (me.isPublic() || target.isPublic()) {
            throw new PastelException.Invalid("username", "public-account", "public accounts are subscribed to, not befriended");
        }
        var now = Instant.ofEpochMilli(clock.millis());
        var outcome = store.jdbi().inTransaction(h -> {
            Locks.lockAccounts(h, dialect, me.id(), target.id());
            if (BlockService.eitherBlocks(h, me.id(), target.id())) {
                throw new PastelException.NotFound(ProblemType.NO_SUCH_ACCOUNT, "no account named '" + target.username() + "'");
            }
            if (FriendStore.areFriends(h, me.id(), target.id())) {
                throw new PastelException.Conflict(ProblemType.ALREADY_FRIENDS, "you are already friends with " + target.username());
            }
            if (FriendStore.request(h, target.id(), me.id()).isPresent()) {
                FriendStore.befriend(h, me.id(), target.id(), now.toEpochMilli());
                return new Outcome.Accepted(new Friend(target.username(), target.displayName(), now));
            }
            if (FriendStore.request(h, me.id(), target.id()).isPresent()) {
                throw new PastelException.Conflict(ProblemType.ALREADY_REQUESTED, "you already asked " + target.username());
            }
            var request = new FriendStore.Request(Ids.newId(now.toEpochMilli()), me.id(), target.id(), now);
            FriendStore.insertRequest(h, request);
            return new Outcome.Requested(new RequestView(request.id(),
                    new Person(me.username(), me.displayName()),
                    new Person(target.username(), target.displayName()), now));
        });
        switch (outcome) {
            case Outcome.Requested r -> events.publish(new Event.FriendRequest(now, target.id(), r.request().id(),
                    me.username(), me.displayName()));
            case Outcome.Accepted a -> {
                accounts.changed(me.id(), target.id());
                events.publish(new Event.FriendAccepted(now, target.id(), me.username()));
            }
        }
        return outcome;
    }

    public Friend accept(Account me, String requestId) {
        var now = Instant.ofEpochMilli(clock.millis());
        var friendId = store.jdbi().inTransaction(h -> {
            var request = FriendStore.requestById(h, requestId)
                    .filter(r -> r.toId().equals(me.id()))
                    .orElseThrow(() -> new PastelException.NotFound("no friend request " + requestId + " for you"));
            Locks.lockAccounts(h, dialect, me.id(), request.fromId());
            FriendStore.befriend(h, me.id(), request.fromId(), now.toEpochMilli());
            return request.fromId();
        });
        // Told once committed, so that whoever reacts reads the friendship.
        accounts.changed(me.id(), friendId);
        var friend = accounts.byId(friendId);
        events.publish(new Event.FriendAccepted(now, friend.id(), me.username()));
        return new Friend(friend.username(), friend.displayName(), now);
    }

    public void decline(Account me, String requestId) {
        store.jdbi().useTransaction(h -> {
            var request = FriendStore.requestById(h, requestId)
                    .filter(r -> r.toId().equals(me.id()))
                    .orElseThrow(() -> new PastelException.NotFound("no friend request " + requestId + " for you"));
            FriendStore.deleteRequest(h, request.id());
        });
    }

    public void cancel(Account me, String requestId) {
        store.jdbi().useTransaction(h -> {
            var request = FriendStore.requestById(h, requestId)
                    .filter(r -> r.fromId().equals(me.id()))
                    .orElseThrow(() -> new PastelException.NotFound("no friend request " + requestId + " from you"));
            FriendStore.deleteRequest(h, request.id());
        });
    }

    public record Requests(List<RequestView> incoming, List<RequestView> outgoing) {}

    public Requests requests(Account me) {
        return new Requests(store.incoming(me.id()), store.outgoing(me.id()));
    }

    public List<Friend> friends(Account me) {
        return store.friends(me.id());
    }

    public void remove(Account me, String username) {
        var other = accounts.visibleTo(me, username);
        var removed = store.jdbi().inTransaction(h -> unfriend(h, me.id(), other.id()));
        if (removed == 0) throw new PastelException.NotFound("you are not friends with " + other.username());
        accounts.changed(me.id(), other.id());
    }

    /// Registers what ends with a friendship (the chat), run inside the transaction that ends it.
    public void onEnd(Unlink ending) {
        endsWithFriendship.add(ending);
    }

    private int unfriend(Handle h, String a, String b) {
        for (var ending : endsWithFriendship) ending.between(h, a, b);
        return FriendStore.unfriend(h, a, b);
    }

    /// Ends everything of this feature between two accounts, inside another feature's
    /// transaction (a block): the friendship with what ends with it, and the requests either way.
    public void endBetween(Handle h, String a, String b) {
        unfriend(h, a, b);
        FriendStore.deleteRequestsBetween(h, a, b);
    }

    static final int SEARCH_LIMIT = 20;

    /// People to befriend: by username prefix or display-name word among adults; minors only by
    /// their exact username (the age rule is [pastel.account.Ages]'s).
    public List<Found> search(Account me, String q) {
        if (q == null || q.isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("q"));
        if (q.strip().length() > 64) throw new PastelException.Invalid(PastelException.FieldError.tooLong("q", 64));
        return store.search(me.id(), q, ages.adultBornOnOrBefore().toEpochDay(), SEARCH_LIMIT);
    }

    /// The ids of an account's friends.
    public Set<String> friendIdsOf(String accountId) {
        return store.friendIdsOf(accountId);
    }

    /// The friendship rule as an SQL condition: true when `a` counts `b` among its friends (so
    /// both ways: a friendship is two rows). `a` and `b` are column expressions or parameters of
    /// the surrounding query (the condition uses the alias `fr`).
    public static String areFriendsSql(String a, String b) {
        return FriendStore.areFriendsSql(a, b);
    }

    /// The ids of the friends of `a` as an SQL sub-query, `a` a column expression or parameter.
    public static String friendIdsSql(String a) {
        return FriendStore.friendIdsSql(a);
    }

    /// Whether two accounts are friends right now: what snaps and chat check.
    public boolean areFriends(String a, String b) {
        return store.jdbi().withHandle(h -> FriendStore.areFriends(h, a, b));
    }

    /// The friendship rule inside another feature's transaction (blocks end friendships, so
    /// friends are never across a block).
    public static boolean areFriends(Handle h, String a, String b) {
        return FriendStore.areFriends(h, a, b);
    }
}
