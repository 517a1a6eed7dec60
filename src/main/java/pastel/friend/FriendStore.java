package pastel.friend;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import java.util.HashSet;
import java.util.Set;
import pastel.account.AccountStore;
import pastel.block.BlockService;

/// Friend requests and friendships. A friendship is stored as two rows, one per direction.
final class FriendStore {
    private final Jdbi jdbi;

    FriendStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    record Request(String id, String fromId, String toId, Instant createdAt) {}

    static String areFriendsSql(String a, String b) {
        return "EXISTS (SELECT 1 FROM friendship fr WHERE fr.account_id = %s AND fr.friend_id = %s)".formatted(a, b);
    }

    static String friendIdsSql(String a) {
        return "SELECT friend_id FROM friendship WHERE account_id = " + a;
    }

    static boolean areFriends(Handle h, String a, String b) {
        return h.createQuery("SELECT CASE WHEN " + areFriendsSql(":a", ":b") + " THEN 1 ELSE 0 END")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() == 1;
    }

    Set<String> friendIdsOf(String accountId) {
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(friendIdsSql(":a"))
                .bind("a", accountId).mapTo(String.class).list()));
    }

    static Optional<Request> request(Handle h, String fromId, String toId) {
        return h.createQuery("SELECT id, from_id, to_id, created_at FROM friend_request WHERE from_id = :f AND to_id = :t")
                .bind("f", fromId).bind("t", toId)
                .map((rs, ctx) -> new Request(rs.getString("id"), rs.getString("from_id"), rs.getString("to_id"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne();
    }

    static Optional<Request> requestById(Handle h, String id) {
        return h.createQuery("SELECT id, from_id, to_id, created_at FROM friend_request WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Request(rs.getString("id"), rs.getString("from_id"), rs.getString("to_id"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne();
    }

    static void insertRequest(Handle h, Request request) {
        h.createUpdate("INSERT INTO friend_request (id, from_id, to_id, created_at) VALUES (:id, :from, :to, :at)")
                .bind("id", request.id()).bind("from", request.fromId()).bind("to", request.toId())
                .bind("at", request.createdAt().toEpochMilli()).execute();
    }

    static int deleteRequest(Handle h, String id) {
        return h.createUpdate("DELETE FROM friend_request WHERE id = :id").bind("id", id).execute();
    }

    static void deleteRequestsBetween(Handle h, String a, String b) {
        h.createUpdate("""
                DELETE FROM friend_request
                WHERE (from_id = :a AND to_id = :b) OR (from_id = :b AND to_id = :a)""")
                .bind("a", a).bind("b", b).execute();
    }

    /// Makes two accounts friends (both directions) and clears any requests between them.
    static void befriend(Handle h, String a, String b, long now) {
        deleteRequestsBetween(h, a, b);
        for (var pair : List.of(List.of(a, b), List.of(b, a))) {
            h.createUpdate("""
                    INSERT INTO friendship (account_id, friend_id, since) VALUES (:x, :y, :now)
                    ON CONFLICT (account_id, friend_id) DO NOTHING""")
                    .bind("x", pair.get(0)).bind("y", pair.get(1)).bind("now", now).execute();
        }
    }

    /// Ends a friendship in both directions; the number of rows removed (0 when they were not friends).
    static int unfriend(Handle h, String a, String b) {
        return h.createUpdate("""
                DELETE FROM friendship
                WHERE (account_id = :a AND friend_id = :b) OR (account_id = :b AND friend_id = :a)""")
                .bind("a", a).bind("b", b).execute();
    }

    List<RequestView> incoming(String accountId) {
        return requests("r.to_id = :me", accountId);
    }

    List<RequestView> outgoing(String accountId) {
        return requests("r.from_id = :me", accountId);
    }

    private List<RequestView> requests(String where, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT r.id, r.created_at, f.username AS from_username, f.display_name AS from_name,
                       t.username AS to_username, t.display_name AS to_name
                FROM friend_request r
                %s
                %s
                WHERE %s
                ORDER BY r.created_at DESC, r.id""".formatted(AccountStore.join("f", "r.from_id"), AccountStore.join("t", "r.to_id"), where))
                .bind("me", accountId)
                .map((rs, ctx) -> new RequestView(rs.getString("id"),
                        new Person(rs.getString("from_username"), rs.getString("from_name")),
                        new Person(rs.getString("to_username"), rs.getString("to_name")),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    List<Friend> friends(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, f.since
                FROM friendship f %s
                WHERE f.account_id = :me
                ORDER BY a.username""".formatted(AccountStore.join("a", "f.friend_id")))
                .bind("me", accountId)
                .map((rs, ctx) -> new Friend(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("since"))))
                .list());
    }

    /// Personal accounts whose username starts with `q` or whose display name has a word starting
    /// with it, among adults (born on or before `adultCutoff`, an epoch day); anyone, minors included,
    /// whose username is exactly `q`. Accounts blocking or blocked by the searcher are left out.
    List<Found> search(String me, String q, long adultCutoff, int limit) {
        var folded = AccountStore.fold(q.strip());
        // '!' escapes LIKE's wildcards: a backslash inside quotes confuses JDBI's parameter parser.
        var like = folded.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name,
                       CASE WHEN f.friend_id IS NOT NULL THEN 'friend' WHEN ro.id IS NOT NULL THEN 'requested'
                            WHEN ri.id IS NOT NULL THEN 'incoming' ELSE 'none' END AS relation
                FROM account a
                LEFT JOIN friendship f ON f.account_id = :me AND f.friend_id = a.id
                LEFT JOIN friend_request ro ON ro.from_id = :me AND ro.to_id = a.id
                LEFT JOIN friend_request ri ON ri.from_id = a.id AND ri.to_id = :me
                WHERE a.kind = 'personal' AND a.id <> :me
                  AND (a.username = :exact
                       OR ((a.search_text LIKE :prefix ESCAPE '!' OR a.search_text LIKE :word ESCAPE '!')
                           AND (a.birth_day IS NULL OR a.birth_day <= :adultCutoff)))
                  AND NOT %s
                ORDER BY CASE WHEN a.username = :exact THEN 0 ELSE 1 END, a.username
                LIMIT :limit""".formatted(BlockService.eitherBlocksSql("a.id", ":me")))
                .bind("me", me).bind("exact", q.strip().toLowerCase()).bind("prefix", like + "%")
                .bind("word", "% " + like + "%").bind("adultCutoff", adultCutoff).bind("limit", limit)
                .map(ConstructorMapper.of(Found.class))
                .list());
    }
}
