package pastel.friend;

import java.time.Instant;

/// A friend, and since when.
public record Friend(String username, String displayName, Instant since) {}
