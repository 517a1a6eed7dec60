package pastel.push;

import io.javalin.http.Context;
import java.util.Map;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;
import pastel.session.Authenticator;
import pastel.session.SessionService;

/// HTTP of Web Push: the VAPID key, browsers' subscriptions (signed in, or following a public
/// account without an account), and the settings of what notifies.
public final class PushRoutes {
    private final PushService push;
    private final CurrentAccount current;

    public PushRoutes(PushService push, CurrentAccount current) {
        this.push = push;
        this.current = current;
    }

    /// Partial settings: a field left out keeps its value.
    public record SettingsForm(Boolean snaps, Boolean chat, Boolean chatText, Boolean friends, Boolean friendStories,
                               Boolean subscriptionStories, Boolean community, Boolean screenshots, Boolean previews) {}

    public record NotifyForm(@com.fasterxml.jackson.annotation.JsonProperty("notify") Boolean wanted) {}

    public void register(Api api) {
        var routes = api.group("push");
        routes.get("/push/key", ctx -> ctx.json(Map.of("publicKey", push.publicKey()))).open()
                .summary("The VAPID public key (base64url) to subscribe with (RFC 8292)").access(Access.ANYONE);
        routes.put("/push/subscriptions", this::subscribe).open().body(PushSubscription.class).status(204)
                .summary("Register this browser's push subscription: for the signed-in account, or with `follow` "
                        + "(a public account's username) to follow its public stories without an account")
                // Anyone: a visitor may follow a public account; a signed-in caller binds it to its own session.
                .access(Access.ANYONE);
        routes.delete("/push/subscriptions", this::unsubscribe).open().body(PushSubscription.class).status(204)
                .summary("Remove a push subscription (or, with `follow`, one follow of it): its owner, or whoever shows its auth secret")
                .access(Access.ANYONE);
        routes.post("/push/subscriptions/follows", this::follows).open().body(PushSubscription.class)
                .summary("The public accounts a subscription follows without an account (proved by its auth secret)")
                .access(Access.ANYONE);
        routes.get("/push/settings", this::settings).summary("What notifies the signed-in account").access(Access.SELF);
        routes.patch("/push/settings", this::saveSettings).body(SettingsForm.class).summary("Change what notifies").access(Access.SELF);
        routes.put("/push/stories/{username}", this::notifyStories).body(NotifyForm.class).status(204)
                .summary("Turn \"notify me\" of a subscribed account's (or friend's) stories on or off").access(Access.SELF);
    }

    private void subscribe(Context ctx) {
        var form = Json.read(ctx, PushSubscription.class);
        var me = current.optional(ctx);
        var token = Authenticator.bearer(ctx.header("Authorization"));
        push.subscribe(me, token == null ? null : SessionService.hashOf(token), form);
        ctx.status(204);
    }

    private void unsubscribe(Context ctx) {
        push.unsubscribe(current.optional(ctx), Json.read(ctx, PushSubscription.class));
        ctx.status(204);
    }

    private void follows(Context ctx) {
        ctx.json(Map.of("follows", push.follows(Json.read(ctx, PushSubscription.class))));
    }

    private void settings(Context ctx) {
        var me = current.require(ctx);
        ctx.json(view(push.settings(me), push.mutedAccounts(me)));
    }

    private void saveSettings(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, SettingsForm.class);
        var was = push.settings(me);
        var now = new PushSettings(or(form.snaps(), was.snaps()), or(form.chat(), was.chat()),
                or(form.chatText(), was.chatText()), or(form.friends(), was.friends()),
                or(form.friendStories(), was.friendStories()), or(form.subscriptionStories(), was.subscriptionStories()),
                or(form.community(), was.community()), or(form.screenshots(), was.screenshots()),
                or(form.previews(), was.previews()));
        push.saveSettings(me, now);
        ctx.json(view(now, push.mutedAccounts(me)));
    }

    private void notifyStories(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, NotifyForm.class);
        if (form.wanted() == null) throw new pastel.problem.PastelException.Invalid("notify", "is required: true or false");
        push.notifyStories(me, ctx.pathParam("username"), form.wanted());
        ctx.status(204);
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static Map<String, Object> view(PushSettings s, java.util.List<String> muted) {
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("snaps", s.snaps());
        out.put("chat", s.chat());
        out.put("chatText", s.chatText());
        out.put("friends", s.friends());
        out.put("friendStories", s.friendStories());
        out.put("subscriptionStories", s.subscriptionStories());
        out.put("community", s.community());
        out.put("screenshots", s.screenshots());
        out.put("previews", s.previews());
        out.put("mutedStories", muted);
        return out;
    }
}
