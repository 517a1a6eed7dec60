package pastel.friend;

import java.time.Instant;

/// A friend request as its two sides see it.
public record RequestView(String id, Person from, Person to, Instant createdAt) {}
