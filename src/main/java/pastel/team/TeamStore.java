package pastel.team;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.db.Ids;

/// The `team_member` table (managers of public accounts) and `account_audit`, the trail of what
/// was done for an account and by whom.
final class TeamStore {
    private final Jdbi jdbi;

    TeamStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    boolean isManager(String accountId, String memberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM team_member WHERE account_id = :a AND member_id = :m")
                .bind("a", accountId).bind("m", memberId).mapTo(Integer.class).one()) > 0;
    }

    /// Ids of the account's managers (not its owner), inside the caller's transaction.
    static List<String> managerIds(Handle h, String accountId) {
        return h.createQuery("SELECT member_id FROM team_member WHERE account_id = :a")
                .bind("a", accountId).mapTo(String.class).list();
    }

    /// Adds a manager; false when they were one already.
    static boolean addManager(Handle h, String accountId, String memberId, long now) {
        return h.createUpdate("""
                INSERT INTO team_member (account_id, member_id, role, granted_at) VALUES (:a, :m, 'manager', :now)
                ON CONFLICT (account_id, member_id) DO NOTHING""")
                .bind("a", accountId).bind("m", memberId).bind("now", now).execute() == 1;
    }

    /// Removes a manager; false when they were none.
    static boolean removeManager(Handle h, String accountId, String memberId) {
        return h.createUpdate("DELETE FROM team_member WHERE account_id = :a AND member_id = :m")
                .bind("a", accountId).bind("m", memberId).execute() == 1;
    }

    static void record(Handle h, Account account, Account actor, String action, String target, long at) {
        h.createUpdate("""
                INSERT INTO account_audit (id, account_id, actor_id, actor_name, action, target, at)
                VALUES (:id, :account, :actor, :name, :action, :target, :at)""")
                .bind("id", Ids.newId(at)).bind("account", account.id()).bind("actor", actor.id())
                .bind("name", actor.username()).bind("action", action).bind("target", target).bind("at", at)
                .execute();
    }

    void forgetActor(String accountId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account_audit SET actor_id = NULL WHERE actor_id = :a")
                .bind("a", accountId).execute());
    }

    List<TeamService.AuditEntry> audit(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT actor_name, action, target, at FROM account_audit WHERE account_id = :a
                ORDER BY at DESC, id DESC LIMIT 500""")
                .bind("a", accountId)
                .map((rs, ctx) -> new TeamService.AuditEntry(rs.getString("actor_name"), rs.getString("action"),
                        rs.getString("target"), Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
    }

    List<TeamService.Managed> managedBy(String memberId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name FROM team_member t %s
                WHERE t.member_id = :me ORDER BY a.username""".formatted(AccountStore.join("a", "t.account_id")))
                .bind("me", memberId)
                .map(ConstructorMapper.of(TeamService.Managed.class)).list());
    }

    List<TeamService.Member> members(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, t.role, t.granted_at
                FROM team_member t %s
                WHERE t.account_id = :a ORDER BY a.username""".formatted(AccountStore.join("a", "t.member_id")))
                .bind("a", accountId)
                .map((rs, ctx) -> new TeamService.Member(rs.getString("username"), rs.getString("display_name"), rs.getString("role"),
                        Instant.ofEpochMilli(rs.getLong("granted_at"))))
                .list());
    }
}
