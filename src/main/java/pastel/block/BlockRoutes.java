package pastel.block;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;

/// `POST /blocks`, `DELETE /blocks/{username}` and the caller's list.
public final class BlockRoutes {
    private final BlockService blocks;
    private final CurrentAccount current;

    public BlockRoutes(BlockService blocks, CurrentAccount current) {
        this.blocks = blocks;
        this.current = current;
    }

    public record BlockForm(String username) {}

    public void register(Api api) {
        var routes = api.group("blocks");
        routes.post("/blocks", this::block).body(BlockForm.class).status(204)
                .summary("Block an account: ends friendship, requests and subscriptions both ways").access(Access.SELF);
        routes.delete("/blocks/{username}", this::unblock).status(204).summary("Unblock an account").access(Access.SELF);
        routes.get("/blocks", ctx -> ctx.json(blocks.blocked(current.require(ctx)))).summary("Accounts you block").returns(Api.listOf(Blocked.class)).access(Access.SELF);
    }

    private void block(Context ctx) {
        var me = current.require(ctx);
        blocks.block(me, Json.read(ctx, BlockForm.class).username());
        ctx.status(204);
    }

    private void unblock(Context ctx) {
        blocks.unblock(current.require(ctx), ctx.pathParam("username"));
        ctx.status(204);
    }
}
