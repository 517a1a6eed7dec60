package pastel.snap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.block.BlockService;
import pastel.media.Media;
import pastel.media.MediaStore;
import pastel.db.Records;

/// The `snap` and `snap_recipient` tables: every SQL statement about snaps.
final class SnapStore {
    /// A snap as written when it is sent.
    record NewSnap(String id, String senderId, String mediaId, Media.Kind kind, int viewSeconds, String caption,
                   Instant sentAt, Instant expiresAt) {}

    /// A snap as one of its recipients sees it, with that recipient's times.
    record ToView(String id, String senderId, String mediaId, Media.Kind kind, int viewSeconds, String caption,
                  Instant expiresAt, Instant openedAt, Instant replayedAt, boolean animated) {}

    /// A line of a recipient's inbox; `mediaExpiresAt` is null while the media has no end set.
    record Inboxed(String id, String username, String displayName, Media.Kind kind, Instant sentAt, int viewSeconds,
                   String mediaId, Instant mediaExpiresAt, Instant openedAt, Instant replayedAt) {}

    /// A snap its sender sent, and each recipient's times.
    record Outgoing(String id, Instant sentAt, Instant expiresAt) {}

    record RecipientTimes(String username, Instant deliveredAt, Instant openedAt, Instant replayedAt,
                          Instant screenshotAt) {}

    /// What decides when a snap's media may go: its view time, its life, and each recipient's views.
    record Viewing(String mediaId, int viewSeconds, Instant expiresAt) {}

    record Views(Instant openedAt, Instant replayedAt) {}

    private static final RowMapper<Inboxed> INBOXED = ConstructorMapper.of(Inboxed.class);
    private static final RowMapper<ToView> TO_VIEW = ConstructorMapper.of(ToView.class);
    private static final RowMapper<Viewing> VIEWING = ConstructorMapper.of(Viewing.class);
    private static final RowMapper<Views> VIEWS = ConstructorMapper.of(Views.class);
    private static final RowMapper<Outgoing> OUTGOING = ConstructorMapper.of(Outgoing.class);
    private static final RowMapper<RecipientTimes> RECIPIENT_TIMES = ConstructorMapper.of(RecipientTimes.class);

    private final Jdbi jdbi;

    SnapStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    static void insert(Handle h, NewSnap snap, List<String> recipientIds) {
        Records.bind(h.createUpdate("""
                INSERT INTO snap (id, sender_id, media_id, kind, view_seconds, caption, sent_at, expires_at)
                VALUES (:id, :senderId, :mediaId, :kind, :viewSeconds, :caption, :sentAt, :expiresAt)"""), snap).execute();
        var recipients = h.prepareBatch(
                "INSERT INTO snap_recipient (snap_id, recipient_id, delivered_at) VALUES (:snap, :recipient, :at)");
        for (var recipient : recipientIds) {
            recipients.bind("snap", snap.id()).bind("recipient", recipient).bind("at", snap.sentAt()).add();
        }
        recipients.execute();
    }

    /// The recipient's inbox: snaps still alive, none across a block, newest first.
    List<Inboxed> inbox(String recipientId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT s.id, a.username, a.display_name, s.kind, s.sent_at, s.view_seconds, s.media_id,
                       m.expires_at AS media_expires_at, r.opened_at, r.replayed_at
                FROM snap_recipient r
                JOIN snap s ON s.id = r.snap_id
                JOIN account a ON a.id = s.sender_id
                LEFT JOIN media m ON m.id = s.media_id
                WHERE r.recipient_id = :me AND s.expires_at > :now
                  AND NOT""" + " " + BlockService.eitherBlocksSql(":me", "s.sender_id") + """
                ORDER BY s.sent_at DESC""")
                .bind("me", recipientId).bind("now", now)
                .map(INBOXED).list());
    }

    static Optional<ToView> toView(Handle h, String snapId, String recipientId) {
        return h.createQuery("""
                SELECT s.id, s.sender_id, s.media_id, s.kind, s.view_seconds, s.caption, s.expires_at, r.opened_at,
                       r.replayed_at, """ + MediaStore.animatedSql("s.media_id") + """
                 AS animated
                FROM snap s JOIN snap_recipient r ON r.snap_id = s.id AND r.recipient_id = :me
                WHERE s.id = :id""")
                .bind("id", snapId).bind("me", recipientId)
                .map(TO_VIEW).findOne();
    }

    /// Two concurrent opens: exactly one changes the row (true), the other finds it opened.
    static boolean markOpened(Handle h, String snapId, String recipientId, Instant now) {
        return h.createUpdate("""
                UPDATE snap_recipient SET opened_at = :now
                WHERE snap_id = :id AND recipient_id = :me AND opened_at IS NULL""")
                .bind("now", now).bind("id", snapId).bind("me", recipientId).execute() == 1;
    }

    /// One conditional UPDATE: a replay happens at most once, and only for a snap opened after `windowStart`.
    static boolean markReplayed(Handle h, String snapId, String recipientId, Instant now, Instant windowStart) {
        return h.createUpdate("""
                UPDATE snap_recipient SET replayed_at = :now
                WHERE snap_id = :id AND recipient_id = :me AND opened_at IS NOT NULL
                  AND replayed_at IS NULL AND opened_at > :windowStart""")
                .bind("now", now).bind("id", snapId).bind("me", recipientId).bind("windowStart", windowStart)
                .execute() == 1;
    }

    /// True the first time only.
    static boolean markScreenshot(Handle h, String snapId, String recipientId, Instant now) {
        return h.createUpdate("""
                UPDATE snap_recipient SET screenshot_at = :now
                WHERE snap_id = :id AND recipient_id = :me AND screenshot_at IS NULL""")
                .bind("now", now).bind("id", snapId).bind("me", recipientId).execute() == 1;
    }

    static Viewing viewing(Handle h, String snapId) {
        return h.createQuery("SELECT media_id, view_seconds, expires_at FROM snap WHERE id = :id")
                .bind("id", snapId).map(VIEWING).one();
    }

    static List<Views> views(Handle h, String snapId) {
        return h.createQuery("SELECT opened_at, replayed_at FROM snap_recipient WHERE snap_id = :id")
                .bind("id", snapId).map(VIEWS).list();
    }

    /// The sender's snaps still alive, newest first (200 at most).
    static List<Outgoing> sentBy(Handle h, String senderId, Instant now) {
        return h.createQuery("""
                SELECT id, sent_at, expires_at FROM snap WHERE sender_id = :me AND expires_at > :now
                ORDER BY sent_at DESC LIMIT 200""")
                .bind("me", senderId).bind("now", now).map(OUTGOING).list();
    }

    static List<RecipientTimes> recipientsOf(Handle h, String snapId) {
        return h.createQuery("""
                SELECT a.username, r.delivered_at, r.opened_at, r.replayed_at, r.screenshot_at
                FROM snap_recipient r JOIN account a ON a.id = r.recipient_id
                WHERE r.snap_id = :id ORDER BY a.username""")
                .bind("id", snapId).map(RECIPIENT_TIMES).list();
    }

    /// Takes `a` and `b` off every snap between them, either way; a snap left with no recipient
    /// is deleted. Returns the media of the deleted snaps.
    static List<String> endBetween(Handle h, String a, String b) {
        var snaps = h.createQuery("""
                SELECT s.id FROM snap s JOIN snap_recipient r ON r.snap_id = s.id
                WHERE (s.sender_id = :a AND r.recipient_id = :b) OR (s.sender_id = :b AND r.recipient_id = :a)""")
                .bind("a", a).bind("b", b).mapTo(String.class).list();
        var media = new ArrayList<String>();
        for (var snap : snaps) {
            h.createUpdate("DELETE FROM snap_recipient WHERE snap_id = :s AND recipient_id IN (:a, :b)")
                    .bind("s", snap).bind("a", a).bind("b", b).execute();
            var left = h.createQuery("SELECT COUNT(*) FROM snap_recipient WHERE snap_id = :s").bind("s", snap)
                    .mapTo(Integer.class).one();
            if (left == 0) {
                h.createQuery("SELECT media_id FROM snap WHERE id = :s AND media_id IS NOT NULL").bind("s", snap)
                        .mapTo(String.class).findOne().ifPresent(media::add);
                h.createUpdate("DELETE FROM snap WHERE id = :s").bind("s", snap).execute();
            }
        }
        return media;
    }

    /// Deletes snaps past their life, and the captions of snaps whose media is gone.
    int sweep(Instant now) {
        return jdbi.withHandle(h -> {
            h.createUpdate("UPDATE snap SET caption = NULL WHERE media_id IS NULL AND caption IS NOT NULL").execute();
            return h.createUpdate("DELETE FROM snap WHERE expires_at <= :now").bind("now", now).execute();
        });
    }
}
