package pastel.friend;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.ratelimit.RateLimiter;
import pastel.http.Json;

/// Friend requests, friends, and their removal.
public final class FriendRoutes {
    private final FriendService friends;
    private final CurrentAccount current;

    private final RateLimiter limits;

    public FriendRoutes(FriendService friends, CurrentAccount current, RateLimiter limits) {
        this.friends = friends;
        this.current = current;
        this.limits = limits;
    }

    public record RequestForm(String username) {}

    public void register(Api api) {
        var routes = api.group("friends");
        routes.post("/friends/requests", this::request).body(RequestForm.class).status(201)
                .summary("Ask someone to be friends (accepts theirs if they asked first: 200 with the friendship)").returns(RequestView.class).alsoReturns(200, Friend.class).access(Access.CONTACT);
        routes.get("/friends/requests", this::requests).summary("Incoming and outgoing friend requests").returns(FriendService.Requests.class).access(Access.SELF);
        routes.post("/friends/requests/{id}/accept", this::accept).summary("Accept a friend request").returns(Friend.class).access(Access.PARTY);
        routes.post("/friends/requests/{id}/decline", this::decline).status(204).summary("Decline a friend request").access(Access.PARTY);
        routes.delete("/friends/requests/{id}", this::cancel).status(204).summary("Withdraw a request you sent").access(Access.PARTY);
        routes.get("/friends", this::list).summary("Your friends").returns(Api.listOf(Friend.class)).access(Access.SELF);
        routes.get("/friends/search", ctx -> ctx.json(friends.search(current.require(ctx), ctx.queryParam("q"))))
                .summary("People to add (q: username prefix or a display-name word; minors only by exact username), "
                        + "each with relation friend / requested / incoming / none").requiredQuery("q", String.class, "a username prefix or a display-name word (1-64 characters)").returns(Api.listOf(Found.class)).access(Access.CONTACT);
        routes.delete("/friends/{username}", this::remove).status(204).summary("End a friendship").access(Access.FRIENDS);
    }

    private void request(Context ctx) {
        var me = current.require(ctx);
        limits.hitAccount(limits.friendRequestsPerAccount, me.id());
        limits.hitAddress(limits.friendRequestsPerAddress, ctx.ip());
        var form = Json.read(ctx, RequestForm.class);
        switch (friends.request(me, form.username())) {
            case FriendService.Outcome.Requested r -> ctx.status(201).json(r.request());
            case FriendService.Outcome.Accepted a -> ctx.status(200).json(a.friend());
        }
    }

    private void requests(Context ctx) {
        ctx.json(friends.requests(current.require(ctx)));
    }

    private void accept(Context ctx) {
        ctx.json(friends.accept(current.require(ctx), ctx.pathParam("id")));
    }

    private void decline(Context ctx) {
        friends.decline(current.require(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void cancel(Context ctx) {
        friends.cancel(current.require(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ctx.json(friends.friends(current.require(ctx)));
    }

    private void remove(Context ctx) {
        friends.remove(current.require(ctx), ctx.pathParam("username"));
        ctx.status(204);
    }
}
