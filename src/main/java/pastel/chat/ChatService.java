package pastel.chat;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.db.Ids;
import pastel.friend.FriendService;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.team.TeamService;

/// Chat between friends, and an official account's inbox (replies to its stories, answered by
/// its managers as the account). Messages clean up after themselves: 24 hours after being read,
/// unless saved by either side; 30 days if never read.
public final class ChatService {
    static final int MAX_TEXT = 2000;
    static final Duration AFTER_READ = Duration.ofHours(24);
    static final Duration UNREAD = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final TeamService team;
    private final CurrentAccount current;
    private final EventBus events;
    private final Clock clock;

    public ChatService(Jdbi jdbi, AccountService accounts, TeamService team, CurrentAccount current, EventBus events,
                       Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.team = team;
        this.current = current;
        this.events = events;
        this.clock = clock;
    }

    public record TextForm(String text) {}

    public record Message(String id, String from, String text, Instant sentAt, Instant readAt, boolean savedByMe,
                          boolean savedByThem, String storyItemId) {}

    public record Conversation(String username, String displayName, Instant lastActivityAt, long unread) {}

    public void register(Api api) {
        var routes = api.group("chat");
        routes.get("/chats", ctx -> ctx.json(conversations(actor(ctx)))).summary(
                "Conversations, latest activity first, with unread counts (?account= to read an official inbox)").query("account", String.class, "an official account you manage, to read its inbox").returns(Api.listOf(Conversation.class)).access(Access.SELF);
        routes.get("/chats/{username}/messages", this::messages)
                .summary("Messages with someone, newest first; ?before=<id>&limit= to page").query("before", String.class, "a message id: older messages only").query("limit", Integer.class, "1-200 (default 50)").query("account", String.class, "an official account you manage").returns(Api.listOf(Message.class)).access(Access.FRIENDS);
        routes.post("/chats/{username}/messages", this::send).body(TextForm.class).status(201)
                .summary("Send a message (1-2000 characters) to a friend").query("account", String.class, "an official account you manage").returns(Message.class).access(Access.FRIENDS);
        routes.post("/chats/{username}/read", this::read).status(204)
                .summary("Mark their messages read: they go 24 hours later unless saved").access(Access.FRIENDS);
        routes.put("/chats/{username}/messages/{id}/saved", ctx -> save(ctx, true)).status(204)
                .summary("Save a message: kept until unsaved").access(Access.FRIENDS);
        routes.delete("/chats/{username}/messages/{id}/saved", ctx -> save(ctx, false)).status(204)
                .summary("Unsave a message").access(Access.FRIENDS);
    }

    /// Who is acting: the caller, or an official account they manage (`?account=`).
    private Account actor(Context ctx) {
        var me = current.require(ctx);
        var as = ctx.queryParam("account");
        return as == null || as.isBlank() ? me : team.managed(me, as.strip());
    }

    private Account partner(Account actor, String username) {
        var other = accounts.visibleTo(actor, username);
        if (other.id().equals(actor.id())) throw new PastelException.Invalid("username", "not-yourself", "you cannot chat with yourself");
        return other;
    }

    private boolean mayChat(Handle h, Account a, Account b) {
        if (FriendService.areFriends(h, a.id(), b.id())) return true;
        // An official account's inbox: once someone has written to it, the thread may go on.
        return (a.isPublic() || b.isPublic()) && h.createQuery("""
                SELECT COUNT(*) FROM chat_message
                WHERE (sender_id = :a AND recipient_id = :b) OR (sender_id = :b AND recipient_id = :a)""")
                .bind("a", a.id()).bind("b", b.id()).mapTo(Integer.class).one() > 0;
    }

    private void send(Context ctx) {
        var me = current.require(ctx);
        var actor = actor(ctx);
        var other = partner(actor, ctx.pathParam("username"));
        var text = text(Json.read(ctx, TextForm.class).text());
        var message = jdbi.inTransaction(h -> {
            if (!mayChat(h, actor, other)) throw new PastelException.Forbidden(ProblemType.NOT_FRIENDS, "you can only chat with friends");
            return insert(h, actor, me, other, text, null);
        });
        ctx.status(201).json(message);
    }

    /// A reply to a story item, as a message to its owner (a friend's chat or an official inbox).
    public Message reply(Handle h, Account me, Account owner, String itemId, String rawText) {
        var text = text(rawText);
        if (!owner.isPublic() && !FriendService.areFriends(h, me.id(), owner.id())) {
            throw new PastelException.Forbidden(ProblemType.NOT_FRIENDS, "replies to a personal story go to friends only");
        }
        return insert(h, me, me, owner, text, itemId);
    }

    private Message insert(Handle h, Account sender, Account writer, Account recipient, String text, String itemId) {
        var now = clock.millis();
        var id = Ids.newId(now);
        h.createUpdate("""
                INSERT INTO chat_message (id, sender_id, recipient_id, written_by, text, story_item_id, sent_at, expires_at)
                VALUES (:id, :sender, :recipient, :writer, :text, :item, :now, :expires)""")
                .bind("id", id).bind("sender", sender.id()).bind("recipient", recipient.id())
                .bind("writer", writer.id().equals(sender.id()) ? null : writer.id()).bind("text", text)
                .bind("item", itemId).bind("now", now).bind("expires", now + UNREAD.toMillis()).execute();
        if (!writer.id().equals(sender.id())) TeamService.record(h, sender, writer, "chat.send", recipient.username(), now);
        events.publish(new Event.ChatMessage(Instant.ofEpochMilli(now), recipient.id(), id, sender.username(),
                sender.username(), text, itemId));
        return new Message(id, sender.username(), text, Instant.ofEpochMilli(now), null, false, false, itemId);
    }

    private static String text(String raw) {
        if (raw == null || raw.isBlank()) throw new PastelException.Invalid("text", "required", "must not be empty");
        var text = raw.strip();
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new PastelException.Invalid(PastelException.FieldError.tooLong("text", MAX_TEXT));
        }
        return text;
    }

    private List<Conversation> conversations(Account actor) {
        var now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, c.last_at, c.unread
                FROM (SELECT m.other, MAX(m.sent_at) AS last_at, SUM(m.unread) AS unread
                      FROM (SELECT CASE WHEN sender_id = :me THEN recipient_id ELSE sender_id END AS other, sent_at,
                                   CASE WHEN recipient_id = :me AND read_at IS NULL THEN 1 ELSE 0 END AS unread
                            FROM chat_message
                            WHERE (sender_id = :me OR recipient_id = :me)
                              AND (expires_at IS NULL OR expires_at > :now)) m
                      GROUP BY m.other) c
                JOIN account a ON a.id = c.other
                ORDER BY c.last_at DESC""")
                .bind("me", actor.id()).bind("now", now)
                .map((rs, c) -> new Conversation(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("last_at")), rs.getLong("unread")))
                .list());
    }

    private void messages(Context ctx) {
        var actor = actor(ctx);
        var other = partner(actor, ctx.pathParam("username"));
        var before = ctx.queryParam("before");
        int limit;
        try {
            limit = ctx.queryParam("limit") == null ? 50 : Integer.parseInt(ctx.queryParam("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 200) throw new PastelException.Invalid("limit", "out-of-range", "must be 1 to 200");
        var now = clock.millis();
        var max = limit;
        var paged = before != null && !before.isBlank();
        ctx.header("Cache-Control", "private, no-store").json(jdbi.withHandle(h -> {
            var query = h.createQuery("""
                    SELECT m.id, m.sender_id, m.text, m.sent_at, m.read_at, m.saved_by_sender, m.saved_by_recipient,
                           m.story_item_id
                    FROM chat_message m
                    WHERE ((m.sender_id = :me AND m.recipient_id = :other) OR (m.sender_id = :other AND m.recipient_id = :me))
                      AND (m.expires_at IS NULL OR m.expires_at > :now)""" + (paged ? " AND m.id < :before" : "")
                    + " ORDER BY m.id DESC LIMIT :limit")
                    .bind("me", actor.id()).bind("other", other.id()).bind("now", now).bind("limit", max);
            if (paged) query.bind("before", before.strip());
            return query
                .map((rs, c) -> {
                    var mine = rs.getString("sender_id").equals(actor.id());
                    var read = rs.getObject("read_at");
                    return new Message(rs.getString("id"), mine ? actor.username() : other.username(), rs.getString("text"),
                            Instant.ofEpochMilli(rs.getLong("sent_at")),
                            read == null ? null : Instant.ofEpochMilli(((Number) read).longValue()),
                            mine ? rs.getBoolean("saved_by_sender") : rs.getBoolean("saved_by_recipient"),
                            mine ? rs.getBoolean("saved_by_recipient") : rs.getBoolean("saved_by_sender"),
                            rs.getString("story_item_id"));
                })
                .list();
        }));
    }

    private void read(Context ctx) {
        var actor = actor(ctx);
        var other = partner(actor, ctx.pathParam("username"));
        var now = clock.millis();
        // A read receipt is chat: only between those who may chat (friends, an official inbox's thread).
        var changed = jdbi.inTransaction(h -> {
            if (!mayChat(h, actor, other)) throw new PastelException.Forbidden("you can only chat with friends");
            return h.createUpdate("""
                UPDATE chat_message SET read_at = :now,
                       expires_at = CASE WHEN saved_by_sender OR saved_by_recipient THEN NULL ELSE :expires END
                WHERE sender_id = :other AND recipient_id = :me AND read_at IS NULL
                  AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("now", now).bind("expires", now + AFTER_READ.toMillis()).bind("other", other.id())
                .bind("me", actor.id()).execute();
        });
        if (changed > 0) {
            events.publish(new Event.ChatRead(Instant.ofEpochMilli(now), other.id(), actor.username(), Instant.ofEpochMilli(now)));
        }
        ctx.status(204);
    }

    private void save(Context ctx, boolean saved) {
        var actor = actor(ctx);
        var other = partner(actor, ctx.pathParam("username"));
        var id = ctx.pathParam("id");
        var now = clock.millis();
        jdbi.useTransaction(h -> {
            var row = h.createQuery("""
                    SELECT sender_id, read_at, sent_at FROM chat_message
                    WHERE id = :id AND ((sender_id = :me AND recipient_id = :other) OR (sender_id = :other AND recipient_id = :me))
                      AND (expires_at IS NULL OR expires_at > :now)""")
                    .bind("id", id).bind("me", actor.id()).bind("other", other.id()).bind("now", now)
                    .mapToMap().findOne().orElseThrow(() -> new PastelException.NotFound("no message " + id));
            var column = actor.id().equals(row.get("sender_id")) ? "saved_by_sender" : "saved_by_recipient";
            h.createUpdate("UPDATE chat_message SET " + column + " = :saved WHERE id = :id")
                    .bind("saved", saved).bind("id", id).execute();
            // Saved by either side: kept. Otherwise a read message has 24 hours from now, an unread one
            // its 30 days from sending.
            var read = row.get("read_at");
            var fallback = read != null ? now + AFTER_READ.toMillis() : ((Number) row.get("sent_at")).longValue() + UNREAD.toMillis();
            h.createUpdate("""
                    UPDATE chat_message
                    SET expires_at = CASE WHEN saved_by_sender OR saved_by_recipient THEN NULL ELSE :fallback END
                    WHERE id = :id""")
                    .bind("fallback", fallback).bind("id", id).execute();
        });
        ctx.status(204);
    }

    /// Deletes every message between two accounts: a friendship ended or a block.
    public static void deleteBetween(Handle h, String a, String b) {
        h.createUpdate("""
                DELETE FROM chat_message
                WHERE (sender_id = :a AND recipient_id = :b) OR (sender_id = :b AND recipient_id = :a)""")
                .bind("a", a).bind("b", b).execute();
    }

    /// Deletes messages whose time is over (read + 24 h, or unread for 30 days).
    public int sweep() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM chat_message WHERE expires_at <= :now")
                .bind("now", clock.millis()).execute());
    }
}
