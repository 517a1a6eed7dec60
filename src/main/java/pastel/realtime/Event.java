package pastel.realtime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/// Something that happened to an account, delivered over its WebSocket within a second. `to` is
/// the account id it is for; a story posted has no single recipient: each node finds the
/// poster's followers among its own connections.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.SnapReceived.class, name = "snap.received"),
        @JsonSubTypes.Type(value = Event.SnapOpened.class, name = "snap.opened"),
        @JsonSubTypes.Type(value = Event.SnapReplayed.class, name = "snap.replayed"),
        @JsonSubTypes.Type(value = Event.SnapScreenshot.class, name = "snap.screenshot"),
        @JsonSubTypes.Type(value = Event.ChatMessage.class, name = "chat.message"),
        @JsonSubTypes.Type(value = Event.ChatRead.class, name = "chat.read"),
        @JsonSubTypes.Type(value = Event.FriendRequest.class, name = "friend.request"),
        @JsonSubTypes.Type(value = Event.FriendAccepted.class, name = "friend.accepted"),
        @JsonSubTypes.Type(value = Event.StoryPosted.class, name = "story.posted"),
        @JsonSubTypes.Type(value = Event.SubmissionApproved.class, name = "submission.approved"),
        @JsonSubTypes.Type(value = Event.SubmissionRejected.class, name = "submission.rejected"),
        @JsonSubTypes.Type(value = Event.AccountChanged.class, name = "account.changed"),
        @JsonSubTypes.Type(value = Event.SessionEnded.class, name = "session.ended")})
public sealed interface Event {
    Instant at();

    record SnapReceived(Instant at, String to, String snapId, String from, String kind) implements Event {}

    record SnapOpened(Instant at, String to, String snapId, String by) implements Event {}

    record SnapReplayed(Instant at, String to, String snapId, String by) implements Event {}

    record SnapScreenshot(Instant at, String to, String snapId, String by) implements Event {}

    /// `account`: set on the copies its managers get of a message to an official account's inbox
    /// (the account's username); null on the recipient's own event.
    record ChatMessage(Instant at, String to, String messageId, String from, String conversation, String text,
                       String storyItemId, String account) implements Event {}

    record ChatRead(Instant at, String to, String by, Instant readAt) implements Event {}

    record FriendRequest(Instant at, String to, String requestId, String from, String fromDisplayName) implements Event {}

    record FriendAccepted(Instant at, String to, String by) implements Event {}

    record StoryPosted(Instant at, String accountId, String account, String itemId, String audience) implements Event {}

    record SubmissionApproved(Instant at, String to, String account, String submissionId, String itemId) implements Event {}

    record SubmissionRejected(Instant at, String to, String account, String submissionId) implements Event {}

    /// Between nodes only, never to a client: an account, or what it follows, changed, so other
    /// nodes' caches (feeds, sessions) drop what they hold about it.
    record AccountChanged(Instant at, String accountId) implements Event {}

    /// Between nodes only: a session was signed out (by the SHA-256 of its token).
    record SessionEnded(Instant at, String tokenHash) implements Event {}

    /// Whether the event is for other nodes' caches rather than for clients.
    static boolean internal(Event event) {
        return event instanceof AccountChanged || event instanceof SessionEnded;
    }

    /// What the client receives: a `type`, the time, and what it needs to update its screen.
    static Map<String, Object> wire(Event event) {
        var out = new LinkedHashMap<String, Object>();
        switch (event) {
            case SnapReceived e -> put(out, "snap.received", e.at(), "snapId", e.snapId(), "from", e.from(), "kind", e.kind());
            case SnapOpened e -> put(out, "snap.opened", e.at(), "snapId", e.snapId(), "by", e.by());
            case SnapReplayed e -> put(out, "snap.replayed", e.at(), "snapId", e.snapId(), "by", e.by());
            case SnapScreenshot e -> put(out, "snap.screenshot", e.at(), "snapId", e.snapId(), "by", e.by());
            case ChatMessage e -> put(out, "chat.message", e.at(), "messageId", e.messageId(), "from", e.from(),
                    "conversation", e.conversation(), "text", e.text(), "storyItemId", e.storyItemId(), "account", e.account());
            case ChatRead e -> put(out, "chat.read", e.at(), "by", e.by(), "readAt", e.readAt().toString());
            case FriendRequest e -> put(out, "friend.request", e.at(), "requestId", e.requestId(), "from", e.from(),
                    "fromDisplayName", e.fromDisplayName());
            case FriendAccepted e -> put(out, "friend.accepted", e.at(), "by", e.by());
            case StoryPosted e -> put(out, "story.posted", e.at(), "account", e.account(), "itemId", e.itemId());
            case SubmissionApproved e -> put(out, "submission.approved", e.at(), "account", e.account(),
                    "submissionId", e.submissionId(), "itemId", e.itemId());
            case SubmissionRejected e -> put(out, "submission.rejected", e.at(), "account", e.account(),
                    "submissionId", e.submissionId());
            case AccountChanged e -> throw new IllegalArgumentException("not for clients");
            case SessionEnded e -> throw new IllegalArgumentException("not for clients");
        }
        return out;
    }

    private static void put(Map<String, Object> out, String type, Instant at, Object... pairs) {
        out.put("type", type);
        out.put("at", at.toString());
        for (int i = 0; i < pairs.length; i += 2) out.put((String) pairs[i], pairs[i + 1]);
    }

    /// The single recipient, or null when the recipients are found per node (a story posted).
    static String recipient(Event event) {
        return switch (event) {
            case SnapReceived e -> e.to();
            case SnapOpened e -> e.to();
            case SnapReplayed e -> e.to();
            case SnapScreenshot e -> e.to();
            case ChatMessage e -> e.to();
            case ChatRead e -> e.to();
            case FriendRequest e -> e.to();
            case FriendAccepted e -> e.to();
            case StoryPosted e -> null;
            case SubmissionApproved e -> e.to();
            case SubmissionRejected e -> e.to();
            case AccountChanged e -> null;
            case SessionEnded e -> null;
        };
    }
}
