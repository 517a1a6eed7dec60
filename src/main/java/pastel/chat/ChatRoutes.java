package pastel.chat;

import io.javalin.http.Context;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;

/// Conversations and messages (`/chats`); `?account=` acts as an official account the caller manages.
public final class ChatRoutes {
    private final ChatService chats;
    private final CurrentAccount current;

    public ChatRoutes(ChatService chats, CurrentAccount current) {
        this.chats = chats;
        this.current = current;
    }

    public record TextForm(String text) {}

    public void register(Api api) {
        var routes = api.group("chat");
        routes.get("/chats", ctx -> ctx.json(chats.conversations(actor(ctx)))).summary(
                "Conversations, latest activity first, with unread counts (?account= to read an official inbox)").query("account", String.class, "an official account you manage, to read its inbox").returns(Api.listOf(ChatService.Conversation.class)).access(Access.SELF);
        routes.get("/chats/{username}/messages", this::messages)
                .summary("Messages with someone, newest first; ?before=<id>&limit= to page").query("before", String.class, "a message id: older messages only").query("limit", Integer.class, "1-200 (default 50)").query("account", String.class, "an official account you manage").returns(Api.listOf(ChatService.Message.class)).access(Access.FRIENDS);
        routes.post("/chats/{username}/messages", this::send).body(TextForm.class).status(201)
                .summary("Send a message (1-2000 characters) to a friend").query("account", String.class, "an official account you manage").returns(ChatService.Message.class).access(Access.FRIENDS);
        routes.post("/chats/{username}/read", this::read).status(204)
                .summary("Mark their messages read: they go 24 hours later unless saved").access(Access.FRIENDS);
        routes.put("/chats/{username}/messages/{id}/saved", ctx -> save(ctx, true)).status(204)
                .summary("Save a message: kept until unsaved").access(Access.FRIENDS);
        routes.delete("/chats/{username}/messages/{id}/saved", ctx -> save(ctx, false)).status(204)
                .summary("Unsave a message").access(Access.FRIENDS);
    }

    private Account actor(Context ctx) {
        return chats.actor(current.require(ctx), ctx.queryParam("account"));
    }

    private void send(Context ctx) {
        var me = current.require(ctx);
        var actor = actor(ctx);
        var other = chats.partner(actor, ctx.pathParam("username"));
        var text = Json.read(ctx, TextForm.class).text();
        ctx.status(201).json(chats.send(me, actor, other, text));
    }

    private void messages(Context ctx) {
        var actor = actor(ctx);
        int limit;
        try {
            limit = ctx.queryParam("limit") == null ? 50 : Integer.parseInt(ctx.queryParam("limit"));
        } catch (NumberFormatException e) {
            limit = -1; // refused by the service, after the partner is known
        }
        var messages = chats.messages(actor, ctx.pathParam("username"), ctx.queryParam("before"), limit);
        ctx.header("Cache-Control", "private, no-store").json(messages);
    }

    private void read(Context ctx) {
        chats.read(actor(ctx), ctx.pathParam("username"));
        ctx.status(204);
    }

    private void save(Context ctx, boolean saved) {
        chats.save(actor(ctx), ctx.pathParam("username"), ctx.pathParam("id"), saved);
        ctx.status(204);
    }
}
