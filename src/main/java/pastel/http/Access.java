package pastel.http;

/// Who may call a route: every route of the table declares one ([Api.Operation#access]), the
/// server refuses to start with a route that has none, and the access-matrix suite derives what
/// each role must get from it. The rule itself lives in the feature's service (one owner per rule,
/// e.g. `block.BlockService` for blocks, `account.AccountService.visibleTo` for profiles and
/// minors, `team.TeamService.managed` for teams); this declaration says which one applies.
public enum Access {
    /// Anyone, without a session; the answer is the same for everybody (health, sign-up, sign-in,
    /// the web client's files, geofilters at a point).
    ANYONE(false),
    /// Anyone who may see the thing now: its audience (friends or public), never across a block,
    /// never a minor's profile or page for anonymous callers. Anonymous callers see public things only.
    AUDIENCE(false),
    /// The holder of a media URL, which serves only while the viewer it was issued to may still see
    /// the media (see `media.MediaAccess`).
    SIGNED_URL(false),
    /// Operators: `/metrics` with the metrics token, or on the local metrics port.
    OPERATOR(false),
    /// A signed-in account acting on its own things only (its profile, lists, uploads, sessions).
    SELF(true),
    /// A signed-in member of the thing's audience (a reply to a story item it may see).
    VIEWER(true),
    /// A signed-in account acting toward another account, refused when either blocks the other
    /// (friend requests, subscriptions, community submissions).
    CONTACT(true),
    /// Friends only, never across a block (snaps, chat).
    FRIENDS(true),
    /// One of the two ends of a thing sent between accounts (a snap's recipient, a friend request's
    /// two ends), refused once either blocks the other.
    PARTY(true),
    /// The owner of the thing or account only (team changes, a personal item's viewer list).
    OWNER(true),
    /// An official account's team: its owner and current managers.
    TEAM(true),
    /// Instance admins.
    ADMIN(true);

    private final boolean session;

    Access(boolean session) {
        this.session = session;
    }

    /// Whether the rule needs a signed-in session (a bearer token); the others answer anonymous callers.
    public boolean needsSession() {
        return session;
    }
}
