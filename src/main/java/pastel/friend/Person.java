package pastel.friend;

/// The other side of a request or friendship, as lists show it.
public record Person(String username, String displayName) {}
