package pastel.block;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;
import pastel.media.MediaService;
import pastel.snap.SnapService;
import pastel.subscription.SubscriptionService;

/// Blocking: the two accounts vanish for each other, and whatever linked them ends at once
/// (friendship, requests, subscriptions both ways, chat and the snaps between them, their bytes
/// deleted). The block rule itself is `AccountService.visibleTo` / `eitherBlocks`.
public final class BlockService {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final CurrentAccount current;
    private final Clock clock;
    private final MediaService media;

    public BlockService(Jdbi jdbi, AccountService accounts, MediaService media, CurrentAccount current, Clock clock) {
        this.media = media;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.current = current;
        this.clock = clock;
    }

    public record BlockForm(String username) {}

    public record Blocked(String username, String displayName, Instant since) {}

    public void register(Api api) {
        var routes = api.group("blocks");
        routes.post("/blocks", this::blockRoute).body(BlockForm.class).status(204)
                .summary("Block an account: ends friendship, requests and subscriptions both ways").access(Access.SELF);
        routes.delete("/blocks/{username}", this::unblockRoute).status(204).summary("Unblock an account").access(Access.SELF);
        routes.get("/blocks", ctx -> ctx.json(blocked(current.require(ctx)))).summary("Accounts you block").returns(Api.listOf(Blocked.class)).access(Access.SELF);
    }

    public void block(Account me, String username) {
        if (username == null || username.isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("username"));
        // Looked up without the block filter: blocking someone who blocked you first is allowed.
        var other = accounts.byUsername(username.strip());
        if (other.id().equals(me.id())) throw new PastelException.Invalid("username", "not-yourself", "you cannot block yourself");
        var snapMedia = jdbi.inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (:me, :other, :now)
                    ON CONFLICT (blocker_id, blocked_id) DO NOTHING""")
                    .bind("me", me.id()).bind("other", other.id()).bind("now", clock.millis()).execute();
            for (var table : List.of(
                    "DELETE FROM friendship WHERE (account_id = :a AND friend_id = :b) OR (account_id = :b AND friend_id = :a)",
                    "DELETE FROM friend_request WHERE (from_id = :a AND to_id = :b) OR (from_id = :b AND to_id = :a)")) {
                h.createUpdate(table).bind("a", me.id()).bind("b", other.id()).execute();
            }
            pastel.chat.ChatService.deleteBetween(h, me.id(), other.id());
            for (var pair : List.of(List.of(me.id(), other.id()), List.of(other.id(), me.id()))) {
                var removed = h.createUpdate("DELETE FROM subscription WHERE subscriber_id = :s AND account_id = :a")
                        .bind("s", pair.get(0)).bind("a", pair.get(1)).execute();
                if (removed == 1) SubscriptionService.recordEvent(h, pair.get(1), clock.millis(), -1);
            }
            return SnapService.endBetween(h, me.id(), other.id());
        });
        // Promise 1 for the snaps nobody may open any more: bytes gone, after the commit.
        snapMedia.forEach(media::deleteById);
        accounts.changed(me.id(), other.id());
    }

    public void unblock(Account me, String username) {
        var other = accounts.byUsername(username);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM block WHERE blocker_id = :me AND blocked_id = :other")
                .bind("me", me.id()).bind("other", other.id()).execute());
        accounts.changed(me.id(), other.id());
    }

    public List<Blocked> blocked(Account me) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, b.created_at
                FROM block b JOIN account a ON a.id = b.blocked_id
                WHERE b.blocker_id = :me ORDER BY a.username""")
                .bind("me", me.id())
                .map((rs, ctx) -> new Blocked(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    private void blockRoute(Context ctx) {
        var me = current.require(ctx);
        block(me, Json.read(ctx, BlockForm.class).username());
        ctx.status(204);
    }

    private void unblockRoute(Context ctx) {
        unblock(current.require(ctx), ctx.pathParam("username"));
        ctx.status(204);
    }
}
