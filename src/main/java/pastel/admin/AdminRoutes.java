package pastel.admin;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.http.Api;

/// What only an instance admin may do over HTTP.
public final class AdminRoutes {
    private final AccountService accounts;
    private final CurrentAccount current;

    public AdminRoutes(AccountService accounts, CurrentAccount current) {
        this.accounts = accounts;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("admin");
        routes.post("/admin/accounts/{username}/verify", ctx -> verify(ctx, true)).status(204)
                .summary("Grant the verified badge to a public account (admin only)").access(Access.ADMIN);
        routes.delete("/admin/accounts/{username}/verify", ctx -> verify(ctx, false)).status(204)
                .summary("Take the verified badge back (admin only)").access(Access.ADMIN);
    }

    private void verify(Context ctx, boolean verified) {
        current.requireAdmin(ctx);
        accounts.setVerified(ctx.pathParam("username"), verified);
        ctx.status(204);
    }
}
