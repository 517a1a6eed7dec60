package pastel.avatar;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.block.BlockService;

/// Which media is each account's profile picture.
final class AvatarStore {
    private final Jdbi jdbi;

    AvatarStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /// Sets the account's picture; returns the media it replaces, if any.
    static Optional<String> replace(Handle h, String accountId, String mediaId, long now) {
        var previous = h.createQuery("SELECT media_id FROM avatar WHERE account_id = :a").bind("a", accountId)
                .mapTo(String.class).findOne();
        if (previous.isPresent()) {
            h.createUpdate("UPDATE avatar SET media_id = :m, updated_at = :now WHERE account_id = :a")
                    .bind("m", mediaId).bind("now", now).bind("a", accountId).execute();
        } else {
            h.createUpdate("INSERT INTO avatar (account_id, media_id, updated_at) VALUES (:a, :m, :now)")
                    .bind("m", mediaId).bind("now", now).bind("a", accountId).execute();
        }
        return previous;
    }

    Optional<String> remove(String accountId) {
        return jdbi.inTransaction(h -> {
            var previous = h.createQuery("SELECT media_id FROM avatar WHERE account_id = :a").bind("a", accountId)
                    .mapTo(String.class).findOne();
            h.createUpdate("DELETE FROM avatar WHERE account_id = :a").bind("a", accountId).execute();
            return previous;
        });
    }

    /// The live picture media of an account.
    Optional<String> mediaOf(String accountId, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT v.media_id FROM avatar v JOIN media m ON m.id = v.media_id
                WHERE v.account_id = :a AND (m.expires_at IS NULL OR m.expires_at > :now)""")
                .bind("a", accountId).bind("now", now).mapTo(String.class).findOne());
    }

    record Row(String username, String displayName, String mediaId) {}

    /// The accounts named (that neither block nor are blocked by `viewerId`), with their live
    /// picture media or null.
    Map<String, Row> byUsernames(String viewerId, Collection<String> usernames, long now) {
        var found = new HashMap<String, Row>();
        if (usernames.isEmpty()) return found;
        jdbi.useHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, m.id AS media_id
                FROM account a
                LEFT JOIN avatar v ON v.account_id = a.id
                LEFT JOIN media m ON m.id = v.media_id AND (m.expires_at IS NULL OR m.expires_at > :now)
                WHERE a.username IN (<names>)
                  AND NOT %s""".formatted(BlockService.eitherBlocksSql("a.id", ":viewer")))
                .bindList("names", usernames).bind("viewer", viewerId).bind("now", now)
                .map(ConstructorMapper.of(Row.class))
                .forEach(row -> found.put(row.username(), row)));
        return found;
    }
}
