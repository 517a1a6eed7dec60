package pastel.team;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;

/// The team of an official account (`/accounts/{username}/team`), its audit trail, and the
/// accounts the caller manages.
public final class TeamRoutes {
    private final TeamService team;
    private final CurrentAccount current;

    public TeamRoutes(TeamService team, CurrentAccount current) {
        this.team = team;
        this.current = current;
    }

    public record RoleForm(String role) {}

    public void register(Api api) {
        var routes = api.group("team");
        routes.put("/accounts/{username}/team/{member}", this::grant).body(RoleForm.class).status(204)
                .summary("Owner only: make an account a manager of this public account").access(Access.OWNER);
        routes.delete("/accounts/{username}/team/{member}", this::revoke).status(204)
                .summary("Owner only: remove a manager").access(Access.OWNER);
        routes.get("/accounts/{username}/team", ctx -> ctx.json(team.members(current.require(ctx), ctx.pathParam("username"))))
                .summary("The account's team (owner and managers)").returns(Api.listOf(TeamService.Member.class)).access(Access.TEAM);
        routes.get("/me/managed", ctx -> ctx.json(team.managedBy(current.require(ctx))))
                .summary("Official accounts the caller manages (to act as them)").returns(Api.listOf(TeamService.Managed.class)).access(Access.SELF);
        routes.get("/accounts/{username}/audit", ctx -> ctx.json(team.audit(current.require(ctx), ctx.pathParam("username"))))
                .summary("Who did what for the account, newest first (owner and managers)").returns(Api.listOf(TeamService.AuditEntry.class)).access(Access.TEAM);
    }

    private void grant(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, RoleForm.class);
        team.grant(me, ctx.pathParam("username"), ctx.pathParam("member"), form.role());
        ctx.status(204);
    }

    private void revoke(Context ctx) {
        team.revoke(current.require(ctx), ctx.pathParam("username"), ctx.pathParam("member"));
        ctx.status(204);
    }
}
