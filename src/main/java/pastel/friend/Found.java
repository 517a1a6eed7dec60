package pastel.friend;

/// Someone a search found, with where they stand with the searcher: `friend`, `requested` (asked
/// by the searcher), `incoming` (asked the searcher) or `none`.
public record Found(String username, String displayName, String relation) {}
