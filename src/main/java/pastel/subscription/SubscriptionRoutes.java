package pastel.subscription;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.campaign.SubscriptionSource;

/// `PUT/DELETE /subscriptions/{username}` and the caller's list.
public final class SubscriptionRoutes {
    private final SubscriptionService subscriptions;
    private final CurrentAccount current;

    public SubscriptionRoutes(SubscriptionService subscriptions, CurrentAccount current) {
        this.subscriptions = subscriptions;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("subscriptions");
        routes.put("/subscriptions/{username}", this::subscribe).status(204).summary("Subscribe to a public account")
                .query("source", String.class, "where the subscription comes from, counted in insights: qr, discover, page, share, other")
                .query("campaign", String.class, "the campaign tag of the poster's QR code").access(Access.CONTACT);
        routes.delete("/subscriptions/{username}", this::unsubscribe).status(204).summary("Unsubscribe").access(Access.SELF);
        routes.get("/subscriptions", ctx -> ctx.json(subscriptions.subscriptions(current.require(ctx))))
                .summary("Public accounts you subscribe to").returns(Api.listOf(SubscriptionService.Subscription.class)).access(Access.SELF);
    }

    private void subscribe(Context ctx) {
        subscriptions.subscribe(current.require(ctx), ctx.pathParam("username"),
                SubscriptionSource.parse(ctx.queryParam("source"), ctx.queryParam("campaign")));
        ctx.status(204);
    }

    private void unsubscribe(Context ctx) {
        subscriptions.unsubscribe(current.require(ctx), ctx.pathParam("username"));
        ctx.status(204);
    }
}
