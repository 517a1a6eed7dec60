package pastel.account;

import pastel.feature.Feature;
import pastel.ratelimit.RateLimiter;

/// Accounts as the composition root wires them (the services themselves are built by
/// `pastel.Services`, shared with the command line).
public final class AccountFeature {
    private AccountFeature() {}

    public static Feature create(AccountService accounts, AccountViews views, CurrentAccount current,
                                 RateLimiter limits) {
        return Feature.named("account").routes(new AccountRoutes(accounts, views, current, limits)::register).build();
    }
}
