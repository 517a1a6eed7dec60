package pastel.discovery;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.account.Ages;

/// Finding public accounts: search and the per-category leaderboard.
///
/// Accounts of people under 18 are never listed here (promise 2), whoever asks; accounts that
/// block the caller, or that the caller blocks, are left out too.
public final class DiscoveryService {
    private final Jdbi jdbi;
    private final Ages ages;

    public DiscoveryService(Jdbi jdbi, Ages ages) {
        this.jdbi = jdbi;
        this.ages = ages;
    }

    public record Listed(String username, String displayName, Account.Category category, String city,
                         boolean verified, long subscriberCount) {}

    public record Ranked(int rank, String username, String displayName, String city, boolean verified,
                         long subscriberCount) {}

    /// `q` matches the username or display name, ignoring case and accents.
    public List<Listed> search(Account viewer, String q, Account.Category category, String city, int limit) {
        var sql = new StringBuilder(BASE);
        if (q != null) sql.append(" AND a.search_text LIKE :q ESCAPE '\\'");
        if (category != null) sql.append(" AND a.category = :category");
        if (city != null) sql.append(" AND LOWER(a.city) = LOWER(:city)");
        sql.append(" ORDER BY a.verified DESC, subscriber_count DESC, a.username LIMIT :limit");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString())
                    .bind("adultCutoff", ages.adultBornOnOrBefore().toEpochDay())
                    .bind("viewer", viewer == null ? "" : viewer.id())
                    .bind("limit", limit);
            if (q != null) query.bind("q", "%" + escapeLike(AccountStore.fold(q)) + "%");
            if (category != null) query.bind("category", category.name().toLowerCase());
            if (city != null) query.bind("city", city);
            return query.map((rs, ctx) -> new Listed(rs.getString("username"), rs.getString("display_name"),
                    Account.Category.valueOf(rs.getString("category").toUpperCase()), rs.getString("city"),
                    rs.getBoolean("verified"), rs.getLong("subscriber_count"))).list();
        });
    }

    public List<Ranked> leaderboard(Account viewer, Account.Category category, int limit) {
        var sql = BASE + (category != null ? " AND a.category = :category" : "")
                + " ORDER BY subscriber_count DESC, a.username LIMIT :limit";
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql)
                    .bind("adultCutoff", ages.adultBornOnOrBefore().toEpochDay())
                    .bind("viewer", viewer == null ? "" : viewer.id())
                    .bind("limit", limit);
            if (category != null) query.bind("category", category.name().toLowerCase());
            var rank = new int[] {0};
            return query.map((rs, ctx) -> new Ranked(++rank[0], rs.getString("username"), rs.getString("display_name"),
                    rs.getString("city"), rs.getBoolean("verified"), rs.getLong("subscriber_count"))).list();
        });
    }

    private static final String BASE = """
            SELECT a.username, a.display_name, a.category, a.city, a.verified,
                   COALESCE(c.subscriber_count, 0) AS subscriber_count
            FROM account a
            LEFT JOIN (SELECT account_id, COUNT(*) AS subscriber_count FROM subscription GROUP BY account_id) c
                   ON c.account_id = a.id
            WHERE a.kind = 'public'
              AND (a.birth_day IS NULL OR a.birth_day <= :adultCutoff)
              AND NOT EXISTS (SELECT 1 FROM block b
                              WHERE (b.blocker_id = a.id AND b.blocked_id = :viewer)
                                 OR (b.blocker_id = :viewer AND b.blocked_id = a.id))""";

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
