package pastel.db;

import java.util.List;
import org.jdbi.v3.core.Handle;

/// Row locks that serialize decisions about a pair of accounts (two friend requests crossing).
///
/// PostgreSQL needs `SELECT ... FOR UPDATE`; SQLite has no such clause and needs none, because
/// its IMMEDIATE transactions already let one writer in at a time.
public final class Locks {
    private Locks() {}

    public static void lockAccounts(Handle h, Database.Dialect dialect, String... accountIds) {
        if (dialect != Database.Dialect.POSTGRES) return;
        // Always the same order, so two transactions locking the same pair cannot deadlock.
        var sorted = List.of(accountIds).stream().sorted().toList();
        for (var id : sorted) {
            h.createQuery("SELECT id FROM account WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class).findOne();
        }
    }
}
