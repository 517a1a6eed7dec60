package pastel.team;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.problem.PastelException;

/// The team of an official account: the owner grants `manager` to other accounts, who then act
/// for the account without its password. Every action done for the account is in its audit trail.
public final class TeamService {
    private final TeamStore store;
    private final AccountService accounts;
    private final Clock clock;

    public TeamService(Jdbi jdbi, AccountService accounts, Clock clock) {
        this.store = new TeamStore(jdbi);
        this.accounts = accounts;
        this.clock = clock;
    }

    public record Member(String username, String displayName, String role, Instant grantedAt) {}

    public record AuditEntry(String actor, String action, String target, Instant at) {}

    public record Managed(String username, String displayName) {}

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
        return account.isPublic() && store.isManager(account.id(), me.id());
    }

    /// Writes one line of the audit trail: who (`actor`) did what for `account`.
    public static void record(Handle h, Account account, Account actor, String action, String target, long at) {
        TeamStore.record(h, account, actor, action, target, at);
    }

    /// Ids of the managers of `account` (its owner excluded): who reads its inbox with it.
    public static List<String> managerIds(Handle h, Account account) {
        return account.isPublic() ? TeamStore.managerIds(h, account.id()) : List.of();
    }

    /// Keeps no more of a deleted account in other accounts' audit trails than its username.
    public void forgetActor(String accountId) {
        store.forgetActor(accountId);
    }

    /// The trail of `username`, newest first, for its owner and managers.
    public List<AuditEntry> audit(Account me, String username) {
        return store.audit(managed(me, username).id());
    }

    /// The team of `username` (owner and managers), for its owner and managers.
    public List<Member> members(Account me, String username) {
        return store.members(managed(me, username).id());
    }

    /// Official accounts `me` manages.
    public List<Managed> managedBy(Account me) {
        return store.managedBy(me.id());
    }

    public void grant(Account me, String username, String memberName, String role) {
        if (role == null || !role.equals("manager")) {
            throw new PastelException.Invalid("role", "not-allowed-value", "must be \"manager\"");
        }
        var account = owned(me, username);
        var member = accounts.visibleTo(me, memberName);
        if (member.id().equals(account.id())) throw new PastelException.Invalid("member", "not-yourself", "the owner is always in the team");
        if (member.isPublic()) throw new PastelException.Invalid("member", "public-account", "managers are personal accounts");
        var now = clock.millis();
        store.jdbi().useTransaction(h -> {
            if (TeamStore.addManager(h, account.id(), member.id(), now)) record(h, account, me, "team.grant", member.username(), now);
        });
    }

    public void revoke(Account me, String username, String memberName) {
        var account = owned(me, username);
        var member = accounts.byUsername(memberName);
        var now = clock.millis();
        store.jdbi().useTransaction(h -> {
            if (TeamStore.removeManager(h, account.id(), member.id())) record(h, account, me, "team.revoke", member.username(), now);
        });
    }

    private Account owned(Account me, String username) {
        var account = accounts.visibleTo(me, username);
        if (!account.id().equals(me.id())) throw new PastelException.Forbidden("only the owner manages the team");
        if (!account.isPublic()) throw new PastelException.Conflict("only public accounts have a team");
        return account;
    }
}
