package pastel.team;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.db.Ids;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;

/// The team of an official account: the owner grants `manager` to other accounts, who then act
/// for the account without its password. Every action done for the account is in its audit trail.
public final class TeamService {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final CurrentAccount current;
    private final Clock clock;

    public TeamService(Jdbi jdbi, AccountService accounts, CurrentAccount current, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.current = current;
        this.clock = clock;
    }

    public record RoleForm(String role) {}

    public record Member(String username, String displayName, String role, Instant grantedAt) {}

    public record AuditEntry(String actor, String action, String target, Instant at) {}

    public void register(Api api) {
        var routes = api.group("team");
        routes.put("/accounts/{username}/team/{member}", this::grant).body(RoleForm.class).status(204)
                .summary("Owner only: make an account a manager of this public account").access(Access.OWNER);
        routes.delete("/accounts/{username}/team/{member}", this::revoke).status(204)
                .summary("Owner only: remove a manager").access(Access.OWNER);
        routes.get("/accounts/{username}/team", ctx -> {
            var account = managed(current.require(ctx), ctx.pathParam("username"));
            ctx.json(members(account));
        }).summary("The account's team (owner and managers)").returns(Api.listOf(Member.class)).access(Access.TEAM);
        routes.get("/me/managed", ctx -> ctx.json(managedBy(current.require(ctx))))
                .summary("Official accounts the caller manages (to act as them)").returns(Api.listOf(Managed.class)).access(Access.SELF);
        routes.get("/accounts/{username}/audit", ctx -> {
            var account = managed(current.require(ctx), ctx.pathParam("username"));
            ctx.json(audit(account));
        }).summary("Who did what for the account, newest first (owner and managers)").returns(Api.listOf(AuditEntry.class)).access(Access.TEAM);
    }

    /// The public account `username`, if `me` is its owner or one of its managers; 404 otherwise
    /// for accounts they cannot see, 403 for those they can.
    public Account managed(Account me, String username) {
        var account = accounts.visibleTo(me, username);
        if (!canManage(me, account)) {
            throw new PastelException.Forbidden("only " + account.username() + " and its managers may do this");
        }
        return account;
    }

    public boolean canManage(Account me, Account account) {
        if (me == null) return false;
        if (me.id().equals(account.id())) return true;
        return account.isPublic() && jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM team_member WHERE account_id = :a AND member_id = :m")
                .bind("a", account.id()).bind("m", me.id()).mapTo(Integer.class).one()) > 0;
    }

    /// Writes one line of the audit trail: who (`actor`) did what for `account`.
    public static void record(Handle h, Account account, Account actor, String action, String target, long at) {
        h.createUpdate("""
                INSERT INTO account_audit (id, account_id, actor_id, actor_name, action, target, at)
                VALUES (:id, :account, :actor, :name, :action, :target, :at)""")
                .bind("id", Ids.newId(at)).bind("account", account.id()).bind("actor", actor.id())
                .bind("name", actor.username()).bind("action", action).bind("target", target).bind("at", at)
                .execute();
    }

    /// Keeps no more of a deleted account in other accounts' audit trails than its username.
    public void forgetActor(String accountId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account_audit SET actor_id = NULL WHERE actor_id = :a")
                .bind("a", accountId).execute());
    }

    public List<AuditEntry> audit(Account account) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT actor_name, action, target, at FROM account_audit WHERE account_id = :a
                ORDER BY at DESC, id DESC LIMIT 500""")
                .bind("a", account.id())
                .map((rs, ctx) -> new AuditEntry(rs.getString("actor_name"), rs.getString("action"),
                        rs.getString("target"), Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
    }

    public record Managed(String username, String displayName) {}

    private List<Managed> managedBy(Account me) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name FROM team_member t JOIN account a ON a.id = t.account_id
                WHERE t.member_id = :me ORDER BY a.username""")
                .bind("me", me.id())
                .map((rs, ctx) -> new Managed(rs.getString("username"), rs.getString("display_name"))).list());
    }

    private List<Member> members(Account account) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, t.role, t.granted_at
                FROM team_member t JOIN account a ON a.id = t.member_id
                WHERE t.account_id = :a ORDER BY a.username""")
                .bind("a", account.id())
                .map((rs, ctx) -> new Member(rs.getString("username"), rs.getString("display_name"), rs.getString("role"),
                        Instant.ofEpochMilli(rs.getLong("granted_at"))))
                .list());
    }

    private void grant(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, RoleForm.class);
        if (form.role() == null || !form.role().equals("manager")) {
            throw new PastelException.Invalid("role", "not-allowed-value", "must be \"manager\"");
        }
        var account = owned(me, ctx.pathParam("username"));
        var member = accounts.visibleTo(me, ctx.pathParam("member"));
        if (member.id().equals(account.id())) throw new PastelException.Invalid("member", "not-yourself", "the owner is always in the team");
        if (member.isPublic()) throw new PastelException.Invalid("member", "public-account", "managers are personal accounts");
        var now = clock.millis();
        jdbi.useTransaction(h -> {
            var added = h.createUpdate("""
                    INSERT INTO team_member (account_id, member_id, role, granted_at) VALUES (:a, :m, 'manager', :now)
                    ON CONFLICT (account_id, member_id) DO NOTHING""")
                    .bind("a", account.id()).bind("m", member.id()).bind("now", now).execute();
            if (added == 1) record(h, account, me, "team.grant", member.username(), now);
        });
        ctx.status(204);
    }

    private void revoke(Context ctx) {
        var me = current.require(ctx);
        var account = owned(me, ctx.pathParam("username"));
        var member = accounts.byUsername(ctx.pathParam("member"));
        var now = clock.millis();
        jdbi.useTransaction(h -> {
            var removed = h.createUpdate("DELETE FROM team_member WHERE account_id = :a AND member_id = :m")
                    .bind("a", account.id()).bind("m", member.id()).execute();
            if (removed == 1) record(h, account, me, "team.revoke", member.username(), now);
        });
        ctx.status(204);
    }

    private Account owned(Account me, String username) {
        var account = accounts.visibleTo(me, username);
        if (!account.id().equals(me.id())) throw new PastelException.Forbidden("only the owner manages the team");
        if (!account.isPublic()) throw new PastelException.Conflict("only public accounts have a team");
        return account;
    }
}
