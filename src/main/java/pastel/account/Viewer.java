package pastel.account;

/// Who is looking at something: an account through one of its sessions, or nobody (anonymous).
/// Media URLs handed to a viewer are bound to it, so they stop working when the viewer may no
/// longer see the media, or its session ends.
///
/// `session` is a reference to the session (the first 32 hex digits of its token's SHA-256),
/// never the token itself.
public record Viewer(Account account, String session) {
    public static final Viewer ANONYMOUS = new Viewer(null, null);

    public boolean anonymous() {
        return account == null;
    }

    /// The account's id, or null for an anonymous viewer.
    public String accountId() {
        return account == null ? null : account.id();
    }
}
