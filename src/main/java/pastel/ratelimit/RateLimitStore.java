package pastel.ratelimit;

import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/// The shared counts of [RateLimiter]: one row per limit, subject and window.
final class RateLimitStore {
    private final Jdbi jdbi;

    RateLimitStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /// Adds this node's hits and reads back the totals of every node, in one transaction.
    Map<RateLimiter.Key, Long> addAndRead(Map<RateLimiter.Key, Long> hits) {
        return jdbi.inTransaction(h -> {
            var add = h.prepareBatch("""
                    INSERT INTO rate_count (name, subject, ends_at, hits) VALUES (:name, :subject, :ends, :hits)
                    ON CONFLICT (name, subject, ends_at) DO UPDATE SET hits = rate_count.hits + excluded.hits""");
            hits.forEach((key, n) -> add.bind("name", key.name()).bind("subject", key.subject())
                    .bind("ends", key.endsAt()).bind("hits", n).add());
            add.execute();
            var totals = new java.util.HashMap<RateLimiter.Key, Long>();
            for (var key : hits.keySet()) {
                totals.put(key, total(h, key));
            }
            return totals;
        });
    }

    long total(RateLimiter.Key key) {
        return jdbi.withHandle(h -> total(h, key));
    }

    private static long total(org.jdbi.v3.core.Handle h, RateLimiter.Key key) {
        return h.createQuery("SELECT hits FROM rate_count WHERE name = :name AND subject = :subject AND ends_at = :ends")
                .bind("name", key.name()).bind("subject", key.subject()).bind("ends", key.endsAt())
                .mapTo(Long.class).findOne().orElse(0L);
    }

    int deleteEndedBefore(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM rate_count WHERE ends_at <= :now").bind("now", now).execute());
    }

    void forget(String subject) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM rate_count WHERE subject = :s").bind("s", subject).execute());
    }
}
