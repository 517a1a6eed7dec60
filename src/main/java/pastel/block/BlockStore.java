package pastel.block;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/// The `block` table: who blocks whom, and the one statement of the rule "either account blocks
/// the other".
final class BlockStore {
    private final Jdbi jdbi;

    BlockStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /// The rule as SQL: true when the account `a` blocks `b` or `b` blocks `a`, both column
    /// expressions or parameters of the surrounding query.
    static String eitherBlocksSql(String a, String b) {
        return """
                EXISTS (SELECT 1 FROM block blk WHERE (blk.blocker_id = %1$s AND blk.blocked_id = %2$s)
                                                   OR (blk.blocker_id = %2$s AND blk.blocked_id = %1$s))"""
                .formatted(a, b);
    }

    static boolean eitherBlocks(Handle h, String a, String b) {
        return h.createQuery("SELECT CASE WHEN " + eitherBlocksSql(":a", ":b") + " THEN 1 ELSE 0 END")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() == 1;
    }

    static void insert(Handle h, String blocker, String blocked, long now) {
        h.createUpdate("""
                INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (:blocker, :blocked, :now)
                ON CONFLICT (blocker_id, blocked_id) DO NOTHING""")
                .bind("blocker", blocker).bind("blocked", blocked).bind("now", now).execute();
    }

    void delete(String blocker, String blocked) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM block WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .bind("blocker", blocker).bind("blocked", blocked).execute());
    }

    List<Blocked> blockedBy(String blocker) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, b.created_at
                FROM block b JOIN account a ON a.id = b.blocked_id
                WHERE b.blocker_id = :me ORDER BY a.username""")
                .bind("me", blocker)
                .map((rs, ctx) -> new Blocked(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }
}
