package pastel.alttext;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/// The `media_text` table: a media's text alternative and captions (gone with the media row).
final class MediaTextStore {
    private final Jdbi jdbi;

    MediaTextStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void saveAlt(String mediaId, String alt) {
        jdbi.useHandle(h -> saveAlt(h, mediaId, alt));
    }

    static void saveAlt(Handle h, String mediaId, String alt) {
        h.createUpdate("""
                INSERT INTO media_text (media_id, alt) VALUES (:media, :alt)
                ON CONFLICT (media_id) DO UPDATE SET alt = excluded.alt""")
                .bind("media", mediaId).bind("alt", alt).execute();
    }

    void saveCaptions(String mediaId, String captions) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO media_text (media_id, captions) VALUES (:media, :captions)
                ON CONFLICT (media_id) DO UPDATE SET captions = excluded.captions""")
                .bind("media", mediaId).bind("captions", captions).execute());
    }

    /// Gives media `to` the texts of media `from` (a form derived from it), if it has any.
    void copy(String from, String to) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO media_text (media_id, alt, captions)
                SELECT :to, alt, captions FROM media_text WHERE media_id = :from""")
                .bind("from", from).bind("to", to).execute());
    }

    Map<String, MediaTextService.Text> of(Collection<String> mediaIds) {
        var found = new HashMap<String, MediaTextService.Text>();
        if (mediaIds.isEmpty()) return found;
        jdbi.useHandle(h -> h.createQuery("""
                SELECT media_id, alt, captions IS NOT NULL AS has_captions FROM media_text WHERE media_id IN (<ids>)""")
                .bindList("ids", mediaIds)
                .map((rs, ctx) -> new MediaTextService.Text(rs.getString("media_id"), rs.getString("alt"), rs.getBoolean("has_captions")))
                .forEach(t -> found.put(t.mediaId(), t)));
        return found;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    static Optional<String> altOf(Handle h, String mediaId) {
        return h.createQuery("SELECT alt FROM media_text WHERE media_id = :media AND alt IS NOT NULL")
                .bind("media", mediaId).mapTo(String.class).findOne();
    }

    Optional<String> captions(String mediaId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT captions FROM media_text WHERE media_id = :media AND captions IS NOT NULL")
                .bind("media", mediaId).mapTo(String.class).findOne());
    }

    /// The account and media of a live story item. (Read-only look at the story feature's table:
    /// the alt edit needs no more than these two ids.)
    Optional<StoryRef> storyItem(String itemId, Instant now) {
        return liveStoryItem("id", itemId, now);
    }

    /// The live story item showing `mediaId`, if one does (main or community story).
    Optional<StoryRef> storyItemOfMedia(String mediaId, Instant now) {
        return liveStoryItem("media_id", mediaId, now);
    }

    /// `column`: `id` or `media_id`, never caller input.
    private Optional<StoryRef> liveStoryItem(String column, String value, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, media_id FROM story_item WHERE " + column
                        + " = :value AND (expires_at IS NULL OR expires_at > :now)")
                .bind("value", value).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new StoryRef(rs.getString("account_id"), rs.getString("media_id"))).findFirst());
    }

    record StoryRef(String accountId, String mediaId) {}
}
