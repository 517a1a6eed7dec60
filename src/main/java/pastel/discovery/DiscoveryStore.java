package pastel.discovery;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.block.BlockService;
import pastel.subscription.SubscriptionService;

/// Public accounts as discovery lists them: a read of the account table with the subscription
/// counts and the block rule of their owners. Discovery owns no table.
final class DiscoveryStore {
    private final Jdbi jdbi;

    DiscoveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String BASE = """
            SELECT a.username, a.display_name, a.category, a.city, a.bio, a.verified,
                   COALESCE(c.subscriber_count, 0) AS subscriber_count
            FROM account a
            LEFT JOIN (%s) c
                   ON c.account_id = a.id
            WHERE a.kind = 'public'
              AND (a.birth_day IS NULL OR a.birth_day <= :adultCutoff)
              AND NOT %s""".formatted(SubscriptionService.SUBSCRIBER_COUNTS_SQL, BlockService.eitherBlocksSql("a.id", ":viewer"));

    /// Public accounts of adults that neither block nor are blocked by `viewerId` ("" for a
    /// visitor), matching what is given: `like` a pattern of the folded name, a category, a city.
    List<DiscoveryService.Listed> search(String viewerId, long adultCutoff, String q, Account.Category category,
                                         String city, int limit) {
        var sql = new StringBuilder(BASE);
        if (q != null) sql.append(" AND a.search_text LIKE :q ESCAPE '\\'");
        if (category != null) sql.append(" AND a.category = :category");
        if (city != null) sql.append(" AND LOWER(a.city) = LOWER(:city)");
        sql.append(" ORDER BY a.verified DESC, subscriber_count DESC, a.username LIMIT :limit");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString())
                    .bind("adultCutoff", adultCutoff)
                    .bind("viewer", viewerId)
                    .bind("limit", limit);
            if (q != null) query.bind("q", "%" + escapeLike(AccountStore.fold(q)) + "%");
            if (category != null) query.bind("category", category.name().toLowerCase());
            if (city != null) query.bind("city", city);
            return query.map((rs, ctx) -> new DiscoveryService.Listed(rs.getString("username"), rs.getString("display_name"),
                    Account.Category.valueOf(rs.getString("category").toUpperCase()), rs.getString("city"),
                    rs.getString("bio"), rs.getBoolean("verified"), rs.getLong("subscriber_count"))).list();
        });
    }

    List<DiscoveryService.Ranked> leaderboard(String viewerId, long adultCutoff, Account.Category category, int limit) {
        var sql = BASE + (category != null ? " AND a.category = :category" : "")
                + " ORDER BY subscriber_count DESC, a.username LIMIT :limit";
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql)
                    .bind("adultCutoff", adultCutoff)
                    .bind("viewer", viewerId)
                    .bind("limit", limit);
            if (category != null) query.bind("category", category.name().toLowerCase());
            var rank = new int[] {0};
            return query.map((rs, ctx) -> new DiscoveryService.Ranked(++rank[0], rs.getString("username"), rs.getString("display_name"),
                    rs.getString("city"), rs.getBoolean("verified"), rs.getLong("subscriber_count"))).list();
        });
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
