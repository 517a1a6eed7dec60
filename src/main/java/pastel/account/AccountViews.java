package pastel.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/// The JSON shapes of an account: the owner's own view and what others see.
public final class AccountViews {
    private final AccountService accounts;
    private final Function<Account, Avatar> avatars;

    /// `avatars` gives each account's profile picture (the avatar feature's, or a generated one).
    public AccountViews(AccountService accounts, Function<Account, Avatar> avatars) {
        this.accounts = accounts;
        this.avatars = avatars;
    }

    /// A profile picture: `url` (512 px square) and `thumbUrl` (320 px), signed media URLs valid
    /// 5 minutes, or a generated SVG data URL.
    public record Avatar(String url, String thumbUrl) {}

    /// What anyone allowed to see the account gets (`GET /accounts/{username}`).
    public record Profile(String username, String displayName, Account.Kind kind, Account.Category category,
                          String city, String bio, String website, boolean verified, long subscriberCount,
                          String avatarUrl, String avatarThumbUrl) {}

    /// The owner's view (`GET /me`): adds what only they should see.
    public record Me(String id, String username, String displayName, LocalDate birthDate, Account.Kind kind,
                     Account.Category category, String city, String bio, String website, boolean verified,
                     boolean admin, Instant createdAt, long subscriberCount, String avatarUrl,
                     String avatarThumbUrl) {}

    /// What a signed-in stranger sees of a minor: the names, nothing else (the other fields empty;
    /// a minor's account is personal, never verified, without subscribers).
    public Profile nameOnly(Account a) {
        return new Profile(a.username(), a.displayName(), null, null, null, null, null, false, 0, null, null);
    }

    public Profile profile(Account a) {
        var avatar = avatars.apply(a);
        return new Profile(a.username(), a.displayName(), a.kind(), a.category(), a.city(), a.bio(), a.website(),
                a.verified(), accounts.subscriberCount(a), avatar.url(), avatar.thumbUrl());
    }

    public Me me(Account a) {
        var avatar = avatars.apply(a);
        return new Me(a.id(), a.username(), a.displayName(), a.birthDate(), a.kind(), a.category(), a.city(),
                a.bio(), a.website(), a.verified(), a.admin(), a.createdAt(), accounts.subscriberCount(a),
                avatar.url(), avatar.thumbUrl());
    }
}
