package pastel.story;

import java.time.Instant;

/// One photo or video in an account's story (main or community). `expiresAt` null means highlight.
record StoryItem(String id, String accountId, String postedBy, String mediaId, String story, String kind,
                 String audience, String caption, String creditId, Instant postedAt, Instant expiresAt,
                 boolean highlight) {

    static final String COLUMNS = """
            i.id, i.account_id, i.posted_by, i.media_id, i.story, i.kind, i.audience, i.caption, i.credit_id,
            i.posted_at, i.expires_at, i.highlight""";

    static StoryItem map(java.sql.ResultSet rs) throws java.sql.SQLException {
        var expires = rs.getObject("expires_at");
        return new StoryItem(rs.getString("id"), rs.getString("account_id"), rs.getString("posted_by"),
                rs.getString("media_id"), rs.getString("story"), rs.getString("kind"), rs.getString("audience"),
                rs.getString("caption"), rs.getString("credit_id"), Instant.ofEpochMilli(rs.getLong("posted_at")),
                expires == null ? null : Instant.ofEpochMilli(((Number) expires).longValue()), rs.getBoolean("highlight"));
    }
}
