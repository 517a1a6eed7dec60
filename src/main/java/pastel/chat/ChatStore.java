package pastel.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.AccountStore;

/// The `chat_message` table. A message is between a sender and a recipient; `written_by` is the
/// manager who wrote it for an official account. `expires_at` is null while saved by either side.
final class ChatStore {
    private final Jdbi jdbi;

    ChatStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /// A message as stored; who "me" and "them" are is the service's business.
    record Row(String id, String senderId, String text, Instant sentAt, Instant readAt, boolean savedBySender,
               boolean savedByRecipient, String storyItemId) {}

    static boolean anyBetween(Handle h, String a, String b) {
        return h.createQuery("""
                SELECT COUNT(*) FROM chat_message
                WHERE (sender_id = :a AND recipient_id = :b) OR (sender_id = :b AND recipient_id = :a)""")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() > 0;
    }

    static void insert(Handle h, String id, String senderId, String recipientId, String writtenBy, String text,
                       String itemId, long now, long expiresAt) {
        h.createUpdate("""
                INSERT INTO chat_message (id, sender_id, recipient_id, written_by, text, story_item_id, sent_at, expires_at)
                VALUES (:id, :sender, :recipient, :writer, :text, :item, :now, :expires)""")
                .bind("id", id).bind("sender", senderId).bind("recipient", recipientId)
                .bind("writer", writtenBy).bind("text", text)
                .bind("item", itemId).bind("now", now).bind("expires", expiresAt).execute();
    }

    List<ChatService.Conversation> conversations(String me, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, c.last_at, c.unread
                FROM (SELECT m.other, MAX(m.sent_at) AS last_at, SUM(m.unread) AS unread
                      FROM (SELECT CASE WHEN sender_id = :me THEN recipient_id ELSE sender_id END AS other, sent_at,
                                   CASE WHEN recipient_id = :me AND read_at IS NULL THEN 1 ELSE 0 END AS unread
                            FROM chat_message
                            WHERE (sender_id = :me OR recipient_id = :me)
                              AND (expires_at IS NULL OR expires_at > :now)) m
                      GROUP BY m.other) c
                %s
                ORDER BY c.last_at DESC""".formatted(AccountStore.join("a", "c.other")))
                .bind("me", me).bind("now", now)
                .map((rs, c) -> new ChatService.Conversation(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("last_at")), rs.getLong("unread")))
                .list());
    }

    /// The live messages between two accounts, newest first, older than `before` if given.
    List<Row> between(String me, String other, String before, int limit, long now) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("""
                    SELECT m.id, m.sender_id, m.text, m.sent_at, m.read_at, m.saved_by_sender, m.saved_by_recipient,
                           m.story_item_id
                    FROM chat_message m
                    WHERE ((m.sender_id = :me AND m.recipient_id = :other) OR (m.sender_id = :other AND m.recipient_id = :me))
                      AND (m.expires_at IS NULL OR m.expires_at > :now)""" + (before != null ? " AND m.id < :before" : "")
                    + " ORDER BY m.id DESC LIMIT :limit")
                    .bind("me", me).bind("other", other).bind("now", now).bind("limit", limit);
            if (before != null) query.bind("before", before);
            return query.map((rs, c) -> {
                var read = rs.getObject("read_at");
                return new Row(rs.getString("id"), rs.getString("sender_id"), rs.getString("text"),
                        Instant.ofEpochMilli(rs.getLong("sent_at")),
                        read == null ? null : Instant.ofEpochMilli(((Number) read).longValue()),
                        rs.getBoolean("saved_by_sender"), rs.getBoolean("saved_by_recipient"), rs.getString("story_item_id"));
            }).list();
        });
    }

    /// Marks `recipient`'s unread live messages from `sender` read, expiring `expiresAt` unless
    /// saved; the number marked.
    static int markRead(Handle h, String sender, String recipient, long now, long expiresAt) {
        return h.createUpdate("""
                UPDATE chat_message SET read_at = :now,
                       expires_at = CASE WHEN saved_by_sender OR saved_by_recipient THEN NULL ELSE :expires END
                WHERE sender_id = :other AND recipient_id = :me AND read_at IS NULL
                  AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("now", now).bind("expires", expiresAt).bind("other", sender)
                .bind("me", recipient).execute();
    }

    /// A live message between two accounts: its sender, when it was read (or null) and sent.
    record Saving(String senderId, Long readAt, long sentAt) {}

    static Optional<Saving> liveBetween(Handle h, String id, String me, String other, long now) {
        return h.createQuery("""
                SELECT sender_id, read_at, sent_at FROM chat_message
                WHERE id = :id AND ((sender_id = :me AND recipient_id = :other) OR (sender_id = :other AND recipient_id = :me))
                  AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("id", id).bind("me", me).bind("other", other).bind("now", now)
                .map((rs, c) -> {
                    var read = rs.getObject("read_at");
                    return new Saving(rs.getString("sender_id"), read == null ? null : ((Number) read).longValue(),
                            rs.getLong("sent_at"));
                })
                .findOne();
    }

    /// Saves or unsaves a message for one side; then it is kept while either side saves it,
    /// otherwise it expires at `fallback`.
    static void setSaved(Handle h, String id, boolean bySender, boolean saved, long fallback) {
        h.createUpdate("UPDATE chat_message SET " + (bySender ? "saved_by_sender" : "saved_by_recipient") + " = :saved WHERE id = :id")
                .bind("saved", saved).bind("id", id).execute();
        h.createUpdate("""
                UPDATE chat_message
                SET expires_at = CASE WHEN saved_by_sender OR saved_by_recipient THEN NULL ELSE :fallback END
                WHERE id = :id""")
                .bind("fallback", fallback).bind("id", id).execute();
    }

    static void deleteBetween(Handle h, String a, String b) {
        h.createUpdate("""
                DELETE FROM chat_message
                WHERE (sender_id = :a AND recipient_id = :b) OR (sender_id = :b AND recipient_id = :a)""")
                .bind("a", a).bind("b", b).execute();
    }

    int deleteExpired(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM chat_message WHERE expires_at <= :now")
                .bind("now", now).execute());
    }
}
