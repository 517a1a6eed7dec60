package pastel.account;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.http.Api;
import pastel.ratelimit.RateLimiter;
import pastel.http.Json;

/// Sign-up, the caller's own account and other accounts' profiles.
public final class AccountRoutes {
    private final AccountService accounts;
    private final AccountViews views;
    private final CurrentAccount current;

    private final RateLimiter limits;

    public AccountRoutes(AccountService accounts, AccountViews views, CurrentAccount current, RateLimiter limits) {
        this.limits = limits;
        this.accounts = accounts;
        this.views = views;
        this.current = current;
    }

    public record Deletion(String password) {}

    /// The fields PATCH /me accepts; each is optional.
    public record ProfileChanges(String displayName, String bio, String website, String city,
                                 Account.Category category, String password, String currentPassword) {}

    public void register(Api api) {
        var routes = api.group("accounts");
        routes.post("/accounts", this::signUp).open().body(AccountService.NewAccount.class).status(201)
                .summary("Create an account: personal by default, or public (kind: public) with a category (city, business, association, media, creator), a city, an optional bio (up to 300 characters) and website (http or https, up to 200); a public account's owner must be 18 or older (else a birthDate field error)").returns(AccountViews.Me.class).access(Access.ANYONE);
        routes.get("/me", this::me).summary("The signed-in account").returns(AccountViews.Me.class).access(Access.SELF);
        routes.patch("/me", this::update).body(ProfileChanges.class).summary("Change display name, bio, website, city, category or password").returns(AccountViews.Me.class).access(Access.SELF);
        routes.delete("/me", this::delete).body(Deletion.class).status(204)
                .summary("Delete the account and everything it owns (needs the password)").access(Access.SELF);
        routes.get("/accounts/{username}", this::profile).open()
                .summary("An account's public profile with its subscriber count").returns(AccountViews.Profile.class).access(Access.AUDIENCE);
    }

    private void signUp(Context ctx) {
        // Every attempt counts, taken names included: trying names is how accounts are enumerated.
        limits.hitAddress(limits.signUpsPerAddress, ctx.ip());
        var account = accounts.signUp(Json.read(ctx, AccountService.NewAccount.class));
        ctx.status(201).header("Location", "/api/v1/accounts/" + account.username()).json(views.me(account));
    }

    private void me(Context ctx) {
        ctx.json(views.me(current.require(ctx)));
    }

    private void update(Context ctx) {
        var me = current.require(ctx);
        var changes = Json.readTree(ctx);
        var updated = accounts.update(me, changes);
        // A new password signs out every other device: whoever knew the old one is out.
        if (changes.has("password")) current.endOtherSessions(ctx);
        ctx.json(views.me(updated));
    }

    private void delete(Context ctx) {
        var me = current.require(ctx);
        accounts.delete(me, Json.read(ctx, Deletion.class).password());
        ctx.status(204);
    }

    private void profile(Context ctx) {
        var viewer = current.optional(ctx).orElse(null);
        limits.hitAddress(limits.lookupsPerAddress, ctx.ip());
        if (viewer != null) limits.hitAccount(limits.lookupsPerAccount, viewer.id());
        var account = accounts.visibleTo(viewer, ctx.pathParam("username"));
        if (viewer == null || accounts.seesFullProfile(viewer, account)) ctx.json(views.profile(account));
        else ctx.json(views.nameOnly(account));
    }
}
