package pastel.push;

/// What an account wants pushed. `previews` shows who did what (and, with `chatText`, the
/// message itself); without it a notification only says what kind of thing happened.
///
/// Defaults: everything that is addressed to the account on, chat text off, friends' stories off
/// (opt-in: a busy friend list would be noise), subscribed accounts' stories on (each can be
/// muted), previews on for adults and off for 13-17 year olds (a lock screen is seen by others).
public record PushSettings(boolean snaps, boolean chat, boolean chatText, boolean friends, boolean friendStories,
                           boolean subscriptionStories, boolean community, boolean screenshots, boolean previews) {

    public static PushSettings defaults(boolean minor) {
        return new PushSettings(true, true, false, true, false, true, true, true, !minor);
    }
}
