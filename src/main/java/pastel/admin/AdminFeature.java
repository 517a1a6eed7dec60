package pastel.admin;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;

/// The administrators' HTTP routes as the composition root wires them (the rest of `admin` is the
/// command line's).
public final class AdminFeature {
    private AdminFeature() {}

    public static Feature create(AccountService accounts, CurrentAccount current) {
        return Feature.named("admin").routes(new AdminRoutes(accounts, current)::register).build();
    }
}
