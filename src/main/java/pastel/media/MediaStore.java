package pastel.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/// Media rows. Every read that serves bytes is filtered by `expires_at`.
public final class MediaStore {
    private static final String COLUMNS = """
            id, owner_id, kind, content_type, width, height, duration_ms, bytes, blob_key, thumb_key,
            thumb_content_type, created_at, attached_to, expires_at, source_type, source_bytes, source_width,
            source_height, has_alpha""";

    private final Jdbi jdbi;

    public MediaStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Media m) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO media (id, owner_id, kind, content_type, width, height, duration_ms, bytes, blob_key,
                                   thumb_key, thumb_content_type, created_at, attached_to, expires_at, source_type,
                                   source_bytes, source_width, source_height, has_alpha)
                VALUES (:id, :owner, :kind, :type, :width, :height, :duration, :bytes, :blob, :thumb, :thumbType,
                        :created, NULL, :expires, :sourceType, :sourceBytes, :sourceWidth, :sourceHeight, :alpha)""")
                .bind("sourceType", m.source().type()).bind("sourceBytes", m.source().bytes())
                .bind("sourceWidth", m.source().width()).bind("sourceHeight", m.source().height())
                .bind("alpha", m.source().alpha())
                .bind("id", m.id()).bind("owner", m.ownerId()).bind("kind", m.kind().name().toLowerCase())
                .bind("type", m.contentType()).bind("width", m.width()).bind("height", m.height())
                .bind("duration", m.durationMs()).bind("bytes", m.bytes()).bind("blob", m.blobKey())
                .bind("thumb", m.thumbKey()).bind("thumbType", m.thumbContentType())
                .bind("created", m.createdAt().toEpochMilli()).bind("expires", m.expiresAt().toEpochMilli())
                .execute());
    }

    /// The media if it still exists and has not expired at `now`.
    public Optional<Media> live(String id, long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("id", id).bind("now", now).map(MediaStore::map).findOne());
    }

    public Optional<Media> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id")
                .bind("id", id).map(MediaStore::map).findOne());
    }

    /// An upload of `ownerId` not yet attached to anything, alive at `now`.
    public static Optional<Media> unattached(Handle h, String mediaId, String ownerId, long now) {
        return h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id AND owner_id = :owner"
                        + " AND attached_to IS NULL AND expires_at > :now")
                .bind("id", mediaId).bind("owner", ownerId).bind("now", now).map(MediaStore::map).findOne();
    }

    /// Whether the media exists and has not expired at `now`, inside another feature's transaction.
    public static boolean isLive(Handle h, String id, long now) {
        return h.createQuery("SELECT COUNT(*) FROM media WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)")
                .bind("id", id).bind("now", now).mapTo(Integer.class).one() > 0;
    }

    /// Attaches an unattached upload of `ownerId` to a snap, story or submission, once: a single
    /// conditional UPDATE, so two requests racing for the same upload cannot both win.
    public static Optional<Media> attach(Handle h, String mediaId, String ownerId, String attachedTo, Long expiresAt, long now) {
        var changed = h.createUpdate("""
                UPDATE media SET attached_to = :to, expires_at = :expires
                WHERE id = :id AND owner_id = :owner AND attached_to IS NULL AND expires_at > :now""")
                .bind("to", attachedTo).bind("expires", expiresAt).bind("id", mediaId).bind("owner", ownerId)
                .bind("now", now).execute();
        if (changed != 1) return Optional.empty();
        return h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id").bind("id", mediaId)
                .map(MediaStore::map).findOne();
    }

    /// Makes `ownerId` the media's owner (an item a manager posted in an account's name).
    public static void transfer(Handle h, String mediaId, String ownerId) {
        h.createUpdate("UPDATE media SET owner_id = :o WHERE id = :id").bind("o", ownerId).bind("id", mediaId).execute();
    }

    /// Sets the moment the media must be gone; null keeps it (a highlight).
    public static void setExpiry(Handle h, String mediaId, Long expiresAt) {
        h.createUpdate("UPDATE media SET expires_at = :at WHERE id = :id").bind("at", expiresAt).bind("id", mediaId).execute();
    }

    /// Media whose time has come (expired, or unattached for too long), oldest first.
    List<Media> due(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM media WHERE expires_at <= :now ORDER BY expires_at LIMIT :limit")
                .bind("now", now).bind("limit", limit).map(MediaStore::map).list());
    }

    /// Media uploaded by an account, or posted in its name or to it by anyone: what goes with it.
    List<Media> ofAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM media WHERE owner_id = :a
                           OR id IN (SELECT media_id FROM story_item WHERE account_id = :a)
                           OR id IN (SELECT media_id FROM community_submission WHERE account_id = :a)
                           OR id IN (SELECT media_id FROM geofilter WHERE account_id = :a)
                           OR id IN (SELECT s.media_id FROM snap s
                                     WHERE EXISTS (SELECT 1 FROM snap_recipient r WHERE r.snap_id = s.id AND r.recipient_id = :a)
                                       AND NOT EXISTS (SELECT 1 FROM snap_recipient r
                                                       WHERE r.snap_id = s.id AND r.recipient_id <> :a))""")
                .bind("a", accountId).map(MediaStore::map).list());
    }

    boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media WHERE id = :id").bind("id", id).execute()) == 1;
    }

    /// Every blob key some row still names, for orphan reconciliation.
    java.util.Set<String> referencedKeys() {
        return referencedKeys("");
    }

    /// The blob keys named by rows, among those at or after `fromKey`.
    java.util.Set<String> referencedKeys(String fromKey) {
        return jdbi.withHandle(h -> {
            var keys = new java.util.HashSet<String>();
            h.createQuery("SELECT blob_key, thumb_key FROM media WHERE blob_key >= :from OR thumb_key >= :from")
                    .bind("from", fromKey).map((rs, ctx) -> {
                keys.add(rs.getString(1));
                keys.add(rs.getString(2));
                return null;
            }).list();
            return keys;
        });
    }

    static Media map(ResultSet rs, StatementContext ctx) throws SQLException {
        var duration = rs.getObject("duration_ms");
        var expires = rs.getObject("expires_at");
        return new Media(rs.getString("id"), rs.getString("owner_id"),
                Media.Kind.valueOf(rs.getString("kind").toUpperCase()), rs.getString("content_type"),
                rs.getInt("width"), rs.getInt("height"), duration == null ? null : ((Number) duration).longValue(),
                rs.getLong("bytes"), rs.getString("blob_key"), rs.getString("thumb_key"),
                rs.getString("thumb_content_type"), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("attached_to"), expires == null ? null : Instant.ofEpochMilli(((Number) expires).longValue()),
                new Media.Source(rs.getString("source_type"), rs.getLong("source_bytes"), rs.getInt("source_width"),
                        rs.getInt("source_height"), rs.getBoolean("has_alpha")));
    }
}
