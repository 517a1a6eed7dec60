package pastel.snap;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.http.Json;

/// The snap routes: send, inbox, open, replay, screenshot, and the sender's view.
public final class SnapRoutes {
    private final SnapService snaps;
    private final CurrentAccount current;

    public SnapRoutes(SnapService snaps, CurrentAccount current) {
        this.snaps = snaps;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("snaps");
        routes.post("/snaps", this::send).body(SnapService.SendForm.class).status(201)
                .summary("Send an upload as a snap to 1-16 friends (viewSeconds 1-10, or 0 for no limit)").returns(SnapService.Sent.class).access(Access.FRIENDS);
        routes.get("/snaps/received", ctx -> noStore(ctx).json(snaps.received(current.require(ctx))))
                .summary("Snaps received: sender, kind, time and status (new, opened, gone); no media URL").returns(Api.listOf(SnapService.Received.class)).access(Access.SELF);
        routes.post("/snaps/{id}/open", ctx -> noStore(ctx).json(snaps.open(current.viewer(ctx), ctx.pathParam("id"))))
                .summary("Open a snap: a media URL valid 5 minutes; 410 once used").returns(SnapService.Opened.class).access(Access.PARTY);
        routes.post("/snaps/{id}/replay", ctx -> noStore(ctx).json(snaps.replay(current.viewer(ctx), ctx.pathParam("id"))))
                .summary("Replay once, within 10 minutes of opening; 410 afterwards").returns(SnapService.Opened.class).access(Access.PARTY);
        routes.post("/snaps/{id}/screenshot", this::screenshot).status(204)
                .summary("Report a screenshot to the sender").access(Access.PARTY);
        routes.get("/snaps/sent", ctx -> noStore(ctx).json(snaps.sent(current.require(ctx))))
                .summary("Snaps sent, with each recipient's status and times").returns(Api.listOf(SnapService.Sent.class)).access(Access.SELF);
    }

    private void send(Context ctx) {
        var me = current.require(ctx);
        ctx.status(201).json(snaps.send(me, Json.read(ctx, SnapService.SendForm.class)));
    }

    private void screenshot(Context ctx) {
        snaps.screenshot(current.require(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    private static Context noStore(Context ctx) {
        return ctx.header("Cache-Control", "private, no-store");
    }
}
