package pastel.discovery;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.Ages;

/// Finding public accounts: search and the per-category leaderboard.
///
/// Accounts of people under 18 are never listed here (promise 2), whoever asks; accounts that
/// block the caller, or that the caller blocks, are left out too.
public final class DiscoveryService {
    private final DiscoveryStore store;
    private final Ages ages;

    public DiscoveryService(Jdbi jdbi, Ages ages) {
        this.store = new DiscoveryStore(jdbi);
        this.ages = ages;
    }

    public record Listed(String username, String displayName, Account.Category category, String city,
                         String bio, boolean verified, long subscriberCount) {}

    public record Ranked(int rank, String username, String displayName, String city, boolean verified,
                         long subscriberCount) {}

    /// `q` matches the username or display name, ignoring case and accents.
    public List<Listed> search(Account viewer, String q, Account.Category category, String city, int limit) {
        return store.search(viewerId(viewer), adultCutoff(), q, category, city, limit);
    }

    public List<Ranked> leaderboard(Account viewer, Account.Category category, int limit) {
        return store.leaderboard(viewerId(viewer), adultCutoff(), category, limit);
    }

    private long adultCutoff() {
        return ages.adultBornOnOrBefore().toEpochDay();
    }

    private static String viewerId(Account viewer) {
        return viewer == null ? "" : viewer.id();
    }
}
