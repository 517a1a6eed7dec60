package pastel.push;

import java.util.LinkedHashMap;
import java.util.Map;

/// What a notification shows, in the subscription's language; the JSON the service worker
/// receives (decrypted) and turns into `showNotification(title, {body, icon, tag, data})`.
///
/// `tag` is also the RFC 8030 `Topic`: a second message with the same one replaces the first
/// while it waits at the push service, and the service worker replaces the shown notification.
record PushMessage(String kind, String title, String body, String tag, String url, String icon, String follow,
                   String lang) {

    Map<String, Object> json() {
        var out = new LinkedHashMap<String, Object>();
        out.put("kind", kind);
        out.put("title", title);
        out.put("body", body);
        out.put("tag", tag);
        out.put("url", url);
        if (icon != null) out.put("icon", icon);
        if (follow != null) out.put("follow", follow);
        out.put("lang", lang);
        return out;
    }

    /// The message for a claimed outbox row, following the recipient's settings.
    /// `icon` is the actor's picture (shown only with previews: it says who as much as a name does).
    static PushMessage of(PushStore.Due due, PushSettings settings, String icon) {
        var shown = settings.previews() ? icon : null;
        var fr = "fr".equals(due.lang());
        var name = due.actorName() == null ? "" : due.actorName();
        var previews = settings.previews();
        var actorKey = due.actorId() == null ? "" : due.actorId();
        return switch (due.kind()) {
            case "snap" -> new PushMessage("snap", fr ? "Nouveau snap" : "New snap",
                    previews ? (fr ? "De " + name : "From " + name) : (fr ? "Ouvrez Pastel pour le voir" : "Open Pastel to see it"),
                    "snap", "/#/inbox", shown, null, due.lang());
            case "chat" -> new PushMessage("chat", fr ? "Nouveau message" : "New message",
                    !previews ? (fr ? "Ouvrez Pastel pour le lire" : "Open Pastel to read it")
                            : settings.chatText() && due.chatText() != null ? name + " : " + shorten(due.chatText())
                            : (fr ? "De " + name : "From " + name),
                    "chat-" + actorKey, "/#/chat/" + (due.chatWith() == null ? "" : due.chatWith()), shown, null, due.lang());
            case "friend.request" -> new PushMessage("friend.request", fr ? "Demande d'ami" : "Friend request",
                    previews ? name + (fr ? " veut devenir votre ami·e" : " wants to be your friend")
                            : (fr ? "Quelqu'un veut devenir votre ami·e" : "Someone wants to be your friend"),
                    "friend-request", "/#/friends", shown, null, due.lang());
            case "friend.accepted" -> new PushMessage("friend.accepted", fr ? "Nouvel ami" : "New friend",
                    previews ? name + (fr ? " a accepté votre demande" : " accepted your request")
                            : (fr ? "Votre demande a été acceptée" : "Your request was accepted"),
                    "friend-accepted", "/#/friends", shown, null, due.lang());
            case "story", "story.follow" -> new PushMessage(due.kind(), fr ? "Nouvelle story" : "New story",
                    previews ? name + (fr ? " a publié une story" : " posted a story")
                            : (fr ? "Une story vous attend" : "A story is waiting for you"),
                    "story-" + actorKey,
                    due.kind().equals("story.follow") ? "/@" + due.actorUsername() : "/#/stories", shown,
                    due.kind().equals("story.follow") ? due.actorUsername() : null, due.lang());
            case "community.approved" -> new PushMessage("community.approved", fr ? "Contribution acceptée" : "Submission approved",
                    previews ? name + (fr ? " l'a ajoutée à sa story communautaire" : " added it to their community story")
                            : (fr ? "Votre contribution est dans la story" : "Your submission is in the story"),
                    "community", "/#/stories", shown, null, due.lang());
            case "community.rejected" -> new PushMessage("community.rejected", fr ? "Contribution refusée" : "Submission declined",
                    previews ? name + (fr ? " n'a pas retenu votre contribution" : " did not keep your submission")
                            : (fr ? "Votre contribution n'a pas été retenue" : "Your submission was not kept"),
                    "community", "/#/stories", shown, null, due.lang());
            case "snap.screenshot" -> new PushMessage("snap.screenshot", fr ? "Capture d'écran" : "Screenshot",
                    previews ? name + (fr ? " a fait une capture d'écran de votre snap" : " took a screenshot of your snap")
                            : (fr ? "Quelqu'un a fait une capture d'écran de votre snap" : "Someone took a screenshot of your snap"),
                    "shot-" + due.subjectId(), "/#/inbox", shown, null, due.lang());
            default -> throw new IllegalArgumentException("unknown push kind " + due.kind());
        };
    }

    /// Chat text in a notification: at most 200 characters (the message travels whole in the app).
    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, text.offsetByCodePoints(0, 199)) + "…";
    }
}
