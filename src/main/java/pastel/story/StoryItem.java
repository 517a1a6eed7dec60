package pastel.story;

import java.time.Instant;
import pastel.media.Media;

/// One photo or video in an account's story (main or community). `expiresAt` null means highlight.
record StoryItem(String id, String accountId, String postedBy, String mediaId, Story story, Media.Kind kind,
                 StoryService.Audience audience, String caption, String creditId, Instant postedAt, Instant expiresAt,
                 boolean highlight) {

    /// Which of the account's stories an item is in: its own, or the community story its team approves.
    enum Story { MAIN, COMMUNITY }

    static final String COLUMNS = """
            i.id, i.account_id, i.posted_by, i.media_id, i.story, i.kind, i.audience, i.caption, i.credit_id,
            i.posted_at, i.expires_at, i.highlight""";
}
