package pastel.session;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;

/// Sessions by the SHA-256 of their token (a leaked database holds no usable token), and the
/// failed sign-ins the login limiter counts.
final class SessionStore {
    private final Jdbi jdbi;

    SessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(String tokenHash, String accountId, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO session (token_hash, account_id, created_at, last_used_at)
                VALUES (:hash, :account, :now, :now)""")
                .bind("hash", tokenHash).bind("account", accountId).bind("now", now).execute());
    }

    record Found(Account account, long lastUsedAt) {}

    /// The session's account and when the session was last marked used.
    Optional<Found> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + AccountStore.COLUMNS + """
                , s.last_used_at FROM session s JOIN account a ON a.id = s.account_id
                WHERE s.token_hash = :hash""")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Found(AccountStore.map(rs, ctx), rs.getLong("last_used_at")))
                .findOne());
    }

    /// Marks sessions used (token hash -> when), in one transaction.
    void touchAll(java.util.Map<String, Long> uses) {
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("UPDATE session SET last_used_at = :now WHERE token_hash = :hash AND last_used_at < :now");
            uses.forEach((hash, now) -> batch.bind("now", now).bind("hash", hash).add());
            batch.execute();
        });
    }

    boolean delete(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE token_hash = :hash")
                .bind("hash", tokenHash).execute()) == 1;
    }

    /// Deletes the account's sessions but one, and returns the hashes it deleted.
    java.util.List<String> deleteAllBut(String accountId, String keptHash) {
        return jdbi.inTransaction(h -> {
            var ended = h.createQuery("SELECT token_hash FROM session WHERE account_id = :a AND token_hash <> :kept")
                    .bind("a", accountId).bind("kept", keptHash).mapTo(String.class).list();
            var delete = h.prepareBatch("DELETE FROM session WHERE token_hash = :hash");
            ended.forEach(hash -> delete.bind("hash", hash).add());
            if (!ended.isEmpty()) delete.execute();
            return ended;
        });
    }

    int deleteIdleSince(long idleCutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE last_used_at <= :cutoff")
                .bind("cutoff", idleCutoff).execute());
    }

    // Failed sign-ins (`login_failure`), one row per failure and subject: `u:<username>` or
    // `a:<client address>`.

    /// Failures of each of the subjects since `since`: how many, and the oldest.
    record Failures(String subject, long count, long oldest) {}

    List<Failures> failuresSince(List<String> subjects, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT subject, COUNT(*) AS n, MIN(at) AS oldest FROM login_failure
                        WHERE subject IN (<subjects>) AND at > :since GROUP BY subject""")
                .bindList("subjects", subjects).bind("since", since)
                .map((rs, ctx) -> new Failures(rs.getString("subject"), rs.getLong("n"), rs.getLong("oldest")))
                .list());
    }

    void addFailures(List<String> subjects, long now) {
        jdbi.useTransaction(h -> {
            var insert = h.prepareBatch("INSERT INTO login_failure (subject, at) VALUES (:subject, :at)");
            subjects.forEach(subject -> insert.bind("subject", subject).bind("at", now).add());
            insert.execute();
        });
    }

    void deleteFailures(String subject) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failure WHERE subject = :s").bind("s", subject).execute());
    }

    int deleteFailuresUpTo(long cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM login_failure WHERE at <= :cutoff")
                .bind("cutoff", cutoff).execute());
    }
}
