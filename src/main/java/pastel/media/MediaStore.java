package pastel.media;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.block.BlockService;
import pastel.friend.FriendService;

/// Media rows. Every read that serves bytes is filtered by `expires_at`.
public final class MediaStore {
    private static final String COLUMNS = """
            id, owner_id, kind, content_type, width, height, duration_ms, bytes, blob_key, thumb_key,
            thumb_content_type, created_at, attached_to, expires_at, source_type, source_bytes, source_width,
            source_height, has_alpha AS source_alpha""";
    private static final RowMapper<Media> MEDIA = ConstructorMapper.of(Media.class);

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
                .bind("id", m.id()).bind("owner", m.ownerId()).bind("kind", m.kind())
                .bind("type", m.contentType()).bind("width", m.width()).bind("height", m.height())
                .bind("duration", m.durationMs()).bind("bytes", m.bytes()).bind("blob", m.blobKey())
                .bind("thumb", m.thumbKey()).bind("thumbType", m.thumbContentType())
                .bind("created", m.createdAt()).bind("expires", m.expiresAt())
                .execute());
    }

    /// The media if it still exists and has not expired at `now`.
    public Optional<Media> live(String id, long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("id", id).bind("now", now).map(MEDIA).findOne());
    }

    public Optional<Media> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id")
                .bind("id", id).map(MEDIA).findOne());
    }

    /// An upload of `ownerId` not yet attached to anything, alive at `now`.
    public static Optional<Media> unattached(Handle h, String mediaId, String ownerId, long now) {
        return h.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = :id AND owner_id = :owner"
                        + " AND attached_to IS NULL AND expires_at > :now")
                .bind("id", mediaId).bind("owner", ownerId).bind("now", now).map(MEDIA).findOne();
    }

    /// Whether the media exists and has not expired at `now`, inside another feature's transaction.
    public static boolean isLive(Handle h, String id, long now) {
        return h.createQuery("SELECT COUNT(*) FROM media WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)")
                .bind("id", id).bind("now", now).mapTo(Integer.class).one() > 0;
    }

    /// SQL (1 or 0) for "the media `mediaIdColumn` names is an animated image stored as a video",
    /// the rule of [Media#animated], for answers that list media of other features (snaps, stories).
    public static String animatedSql(String mediaIdColumn) {
        return "CASE WHEN EXISTS (SELECT 1 FROM media am WHERE am.id = " + mediaIdColumn
                + " AND am.kind = 'video' AND am.source_type IN ('gif', 'png', 'webp')) THEN 1 ELSE 0 END";
    }

    /// The account whose session `reference` names: a prefix of its token's hash (hex), so one index range.
    static Optional<String> accountOfSession(Handle h, String reference) {
        return h.createQuery("SELECT account_id FROM session WHERE token_hash >= :lo AND token_hash < :hi")
                .bind("lo", reference).bind("hi", reference + "g").mapTo(String.class).findFirst();
    }

    /// The rule of [MediaAccess] (which see): the media's row if `viewerId` ('' for anonymous) may
    /// see it at `now` (so it exists and has not expired), empty otherwise; one query for serving.
    static Optional<Media> visible(Handle h, String mediaId, String viewerId, long now) {
        return h.createQuery("SELECT " + COLUMNS + " FROM media m " + MAY_SEE)
                .bind("m", mediaId).bind("v", viewerId).bind("now", now).map(MEDIA).findOne();
    }

    // :v is '' for an anonymous viewer, which names no account.
    private static final String MAY_SEE = """
            WHERE m.id = :m AND (m.expires_at IS NULL OR m.expires_at > :now) AND (
              EXISTS (SELECT 1 FROM story_item i
                      WHERE i.media_id = m.id AND (i.highlight = TRUE OR i.expires_at > :now)
                        AND NOT""" + " " + BlockService.eitherBlocksSql("i.account_id", ":v") + """

                        AND (i.audience = 'public' OR i.account_id = :v
                             OR""" + " " + FriendService.areFriendsSql(":v", "i.account_id") + """

                             OR EXISTS (SELECT 1 FROM team_member t WHERE t.account_id = i.account_id AND t.member_id = :v)))
              OR EXISTS (SELECT 1 FROM snap s JOIN snap_recipient r ON r.snap_id = s.id
                         WHERE s.media_id = m.id AND r.recipient_id = :v AND r.opened_at IS NOT NULL
                           AND""" + " " + FriendService.areFriendsSql(":v", "s.sender_id") + """
            )
              OR EXISTS (SELECT 1 FROM community_submission c
                         WHERE c.media_id = m.id AND (c.submitter_id = :v
                           OR EXISTS (SELECT 1 FROM team_member t WHERE t.account_id = c.account_id AND t.member_id = :v)
                           OR c.account_id = :v))
              OR EXISTS (SELECT 1 FROM story_item i JOIN report r ON r.story_id = i.id
                         JOIN account ad ON ad.id = :v AND ad.admin = TRUE
                         WHERE i.media_id = m.id
                           AND (i.highlight = TRUE OR i.expires_at IS NULL OR i.expires_at > :now))
              OR EXISTS (SELECT 1 FROM geofilter g WHERE g.media_id = m.id)
              OR m.attached_to = 'avatar')""";

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
                .map(MEDIA).findOne();
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
                .bind("now", now).bind("limit", limit).map(MEDIA).list());
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
                .bind("a", accountId).map(MEDIA).list());
    }

    boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media WHERE id = :id").bind("id", id).execute()) == 1;
    }

    private record Keys(String blobKey, String thumbKey) {}

    private static final RowMapper<Keys> KEYS = ConstructorMapper.of(Keys.class);

    /// Every blob key some row still names, for orphan reconciliation.
    java.util.Set<String> referencedKeys() {
        return referencedKeys("");
    }

    /// The blob keys named by rows, among those at or after `fromKey`.
    java.util.Set<String> referencedKeys(String fromKey) {
        return jdbi.withHandle(h -> {
            var keys = new java.util.HashSet<String>();
            h.createQuery("SELECT blob_key, thumb_key FROM media WHERE blob_key >= :from OR thumb_key >= :from")
                    .bind("from", fromKey).map(KEYS).forEach(row -> {
                        keys.add(row.blobKey());
                        keys.add(row.thumbKey());
                    });
            return keys;
        });
    }

    /// The secret `name` shared by every node: `candidate` if this node is the first to ask, else
    /// the one stored before (one row, written once).
    static String secret(Jdbi jdbi, String name, String candidate) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO server_secret (name, value) VALUES (:name, :v) ON CONFLICT (name) DO NOTHING")
                    .bind("name", name).bind("v", candidate).execute();
            return h.createQuery("SELECT value FROM server_secret WHERE name = :name").bind("name", name)
                    .mapTo(String.class).one();
        });
    }
}
