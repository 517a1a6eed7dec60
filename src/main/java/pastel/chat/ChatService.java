package pastel.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.db.Ids;
import pastel.friend.FriendService;
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

    private final ChatStore store;
    private final AccountService accounts;
    private final TeamService team;
    private final EventBus events;
    private final Clock clock;

    public ChatService(Jdbi jdbi, AccountService accounts, TeamService team, EventBus events, Clock clock) {
        this.store = new ChatStore(jdbi);
        this.accounts = accounts;
        this.team = team;
        this.events = events;
        this.clock = clock;
    }

    public record Message(String id, String from, String text, Instant sentAt, Instant readAt, boolean savedByMe,
                          boolean savedByThem, String storyItemId) {}

    public record Conversation(String username, String displayName, Instant lastActivityAt, long unread) {}

    /// Who is acting: `me`, or the official account `as` that they manage (null or blank: `me`).
    public Account actor(Account me, String as) {
        return as == null || as.isBlank() ? me : team.managed(me, as.strip());
    }

    /// The other side of a conversation of `actor`: an account it may see, not itself.
    public Account partner(Account actor, String username) {
        var other = accounts.visibleTo(actor, username);
        if (other.id().equals(actor.id())) throw new PastelException.Invalid("username", "not-yourself", "you cannot chat with yourself");
        return other;
    }

    private static boolean mayChat(Handle h, Account a, Account b) {
        if (FriendService.areFriends(h, a.id(), b.id())) return true;
        // An official account's inbox: once someone has written to it, the thread may go on.
        return (a.isPublic() || b.isPublic()) && ChatStore.anyBetween(h, a.id(), b.id());
    }

    /// `writer` sends `rawText` to `other` as `actor` (itself, or an official account it manages).
    public Message send(Account writer, Account actor, Account other, String rawText) {
        var text = text(rawText);
        return store.jdbi().inTransaction(h -> {
            if (!mayChat(h, actor, other)) throw new PastelException.Forbidden(ProblemType.NOT_FRIENDS, "you can only chat with friends");
            return insert(h, actor, writer, other, text, null);
        });
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
        ChatStore.insert(h, id, sender.id(), recipient.id(), writer.id().equals(sender.id()) ? null : writer.id(), text,
                itemId, now, now + UNREAD.toMillis());
        if (!writer.id().equals(sender.id())) TeamService.record(h, sender, writer, "chat.send", recipient.username(), now);
        var at = Instant.ofEpochMilli(now);
        events.publishAfterCommit(h, new Event.ChatMessage(at, recipient.id(), id, sender.username(), sender.username(),
                text, itemId, null));
        // The team reads an official inbox live too: each manager gets a copy naming the account.
        for (var manager : TeamService.managerIds(h, recipient)) {
            if (manager.equals(writer.id())) continue;
            events.publishAfterCommit(h, new Event.ChatMessage(at, manager, id, sender.username(), sender.username(),
                    text, itemId, recipient.username()));
        }
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

    public List<Conversation> conversations(Account actor) {
        return store.conversations(actor.id(), clock.millis());
    }

    /// Messages between `actor` and `username`, newest first, older than `before` if given;
    /// `limit` 1-200.
    public List<Message> messages(Account actor, String username, String before, int limit) {
        var other = partner(actor, username);
        if (limit < 1 || limit > 200) throw new PastelException.Invalid("limit", "out-of-range", "must be 1 to 200");
        var paged = before != null && !before.isBlank() ? before.strip() : null;
        return store.between(actor.id(), other.id(), paged, limit, clock.millis()).stream().map(row -> {
            var mine = row.senderId().equals(actor.id());
            return new Message(row.id(), mine ? actor.username() : other.username(), row.text(), row.sentAt(), row.readAt(),
                    mine ? row.savedBySender() : row.savedByRecipient(),
                    mine ? row.savedByRecipient() : row.savedBySender(), row.storyItemId());
        }).toList();
    }

    /// Marks the messages `username` sent to `actor` read: they go 24 hours later unless saved.
    public void read(Account actor, String username) {
        var other = partner(actor, username);
        var now = clock.millis();
        // A read receipt is chat: only between those who may chat (friends, an official inbox's thread).
        store.jdbi().useTransaction(h -> {
            if (!mayChat(h, actor, other)) throw new PastelException.Forbidden("you can only chat with friends");
            if (ChatStore.markRead(h, other.id(), actor.id(), now, now + AFTER_READ.toMillis()) > 0) {
                events.publishAfterCommit(h, new Event.ChatRead(Instant.ofEpochMilli(now), other.id(), actor.username(),
                        Instant.ofEpochMilli(now)));
            }
        });
    }

    public void save(Account actor, String username, String id, boolean saved) {
        var other = partner(actor, username);
        var now = clock.millis();
        store.jdbi().useTransaction(h -> {
            var message = ChatStore.liveBetween(h, id, actor.id(), other.id(), now)
                    .orElseThrow(() -> new PastelException.NotFound("no message " + id));
            // Saved by either side: kept. Otherwise a read message has 24 hours from now, an unread one
            // its 30 days from sending.
            var fallback = message.readAt() != null ? now + AFTER_READ.toMillis() : message.sentAt() + UNREAD.toMillis();
            ChatStore.setSaved(h, id, actor.id().equals(message.senderId()), saved, fallback);
        });
    }

    /// Deletes every message between two accounts: a friendship ended or a block.
    public static void deleteBetween(Handle h, String a, String b) {
        ChatStore.deleteBetween(h, a, b);
    }

    /// Deletes messages whose time is over (read + 24 h, or unread for 30 days).
    public int sweep() {
        return store.deleteExpired(clock.millis());
    }
}
