package pastel.account;

import java.time.Instant;
import java.time.LocalDate;

/// The JSON shapes of an account: the owner's own view and what others see.
public final class AccountViews {
    private final AccountStore store;

    public AccountViews(AccountStore store) {
        this.store = store;
    }

    /// What anyone allowed to see the account gets (`GET /accounts/{username}`).
    public record Profile(String username, String displayName, Account.Kind kind, Account.Category category,
                          String city, String bio, String website, boolean verified, long subscriberCount) {}

    /// The owner's view (`GET /me`): adds what only they should see.
    public record Me(String id, String username, String displayName, LocalDate birthDate, Account.Kind kind,
                     Account.Category category, String city, String bio, String website, boolean verified,
                     boolean admin, Instant createdAt, long subscriberCount) {}

    /// What a signed-in stranger sees of a minor: the names only.
    public record Name(String username, String displayName) {}

    public Name nameOnly(Account a) {
        return new Name(a.username(), a.displayName());
    }

    public Profile profile(Account a) {
        return new Profile(a.username(), a.displayName(), a.kind(), a.category(), a.city(), a.bio(), a.website(),
                a.verified(), store.subscriberCount(a.id()));
    }

    public Me me(Account a) {
        return new Me(a.id(), a.username(), a.displayName(), a.birthDate(), a.kind(), a.category(), a.city(),
                a.bio(), a.website(), a.verified(), a.admin(), a.createdAt(), store.subscriberCount(a.id()));
    }
}
