package pastel.snap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Viewer;
import pastel.db.Ids;
import pastel.friend.FriendService;
import pastel.geofilter.GeofilterService;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.media.Media;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;
import pastel.problem.PastelException.FieldError;

/// Snaps: a photo or video sent to 1-16 friends, opened once and replayed once, then deleted.
public final class SnapService {
    static final int MAX_RECIPIENTS = 16;
    static final int MAX_VIEW_SECONDS = 10;
    static final int MAX_CAPTION = 250;
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);
    static final Duration SINGLE_LIFETIME = Duration.ofDays(30);
    static final Duration GROUP_LIFETIME = Duration.ofHours(24);

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final FriendService friends;
    private final SignedUrls urls;
    private final GeofilterService geofilters;
    private final EventBus events;
    private final Clock clock;

    public SnapService(Jdbi jdbi, AccountService accounts, FriendService friends, SignedUrls urls,
                       GeofilterService geofilters, EventBus events, Clock clock) {
        this.events = events;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.friends = friends;
        this.urls = urls;
        this.geofilters = geofilters;
        this.clock = clock;
    }

    public record SendForm(String mediaId, List<String> to, Integer viewSeconds, String caption, String geofilterId) {}

    public record Sent(String id, Instant sentAt, Instant expiresAt, List<RecipientStatus> recipients) {}

    public record RecipientStatus(String username, String status, Instant deliveredAt, Instant openedAt,
                                  Instant replayedAt, Instant screenshotAt) {}

    public record Received(String id, String from, String fromDisplayName, Media.Kind kind, Instant sentAt,
                           String status, int viewSeconds) {}

    public record Opened(String id, String mediaUrl, String thumbnailUrl, Media.Kind kind, int viewSeconds,
                         String caption, boolean replayAvailable, Instant replayUntil) {}

    public Sent send(Account me, SendForm form) {
        var errors = new ArrayList<FieldError>();
        if (form.mediaId() == null || form.mediaId().isBlank()) errors.add(PastelException.FieldError.required("mediaId"));
        var names = new LinkedHashSet<String>();
        if (form.to() == null || form.to().isEmpty()) {
            errors.add(new FieldError("to", "out-of-range", "name 1 to " + MAX_RECIPIENTS + " friends"));
        } else {
            for (var name : form.to()) {
                if (name == null || name.isBlank()) errors.add(new FieldError("to", "required", "must not contain empty names"));
                else names.add(name.strip().toLowerCase());
            }
            if (names.size() > MAX_RECIPIENTS) errors.add(new FieldError("to", "out-of-range", "at most " + MAX_RECIPIENTS + " friends at once"));
        }
        if (form.viewSeconds() == null) {
            errors.add(new FieldError("viewSeconds", "required", "is required: 1 to 10, or 0 for no limit"));
        } else if (form.viewSeconds() < 0 || form.viewSeconds() > MAX_VIEW_SECONDS) {
            errors.add(new FieldError("viewSeconds", "out-of-range", "must be 1 to 10, or 0 for no limit"));
        }
        var caption = form.caption() == null || form.caption().isBlank() ? null : form.caption().strip();
        if (caption != null && caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
            errors.add(PastelException.FieldError.tooLong("caption", MAX_CAPTION));
        }
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);

        var recipients = new ArrayList<Account>();
        for (var name : names) {
            var recipient = accounts.visibleTo(me, name);
            if (recipient.id().equals(me.id())) throw new PastelException.Invalid("to", "not-yourself", "you cannot send a snap to yourself");
            if (!friends.areFriends(me.id(), recipient.id())) {
                throw new PastelException.Forbidden(ProblemType.NOT_FRIENDS, "snaps go to friends only; " + recipient.username() + " is not your friend");
            }
            recipients.add(recipient);
        }
        var now = clock.millis();
        var lifetime = recipients.size() > 1 ? GROUP_LIFETIME : SINGLE_LIFETIME;
        var expiresAt = now + lifetime.toMillis();
        var id = Ids.newId(now);
        // The geofilter is drawn into the pixels before anything is written (see GeofilterOverlay).
        var drawn = geofilters.draw(me, form.mediaId(), form.geofilterId());
        String kind;
        try {
            kind = jdbi.inTransaction(h -> {
                var media = MediaStore.attach(h, drawn.mediaId(), me.id(), "snap", expiresAt, now)
                        .orElseThrow(() -> new PastelException.NotFound(
                                "no unused upload " + form.mediaId() + " of yours (uploads are used once and kept 1 hour)"));
                h.createUpdate("""
                        INSERT INTO snap (id, sender_id, media_id, kind, view_seconds, caption, sent_at, expires_at)
                        VALUES (:id, :sender, :media, :kind, :view, :caption, :now, :expires)""")
                        .bind("id", id).bind("sender", me.id()).bind("media", media.id())
                        .bind("kind", media.kind().name().toLowerCase()).bind("view", form.viewSeconds())
                        .bind("caption", caption).bind("now", now).bind("expires", expiresAt).execute();
                for (var recipient : recipients) {
                    h.createUpdate("INSERT INTO snap_recipient (snap_id, recipient_id, delivered_at) VALUES (:snap, :r, :now)")
                            .bind("snap", id).bind("r", recipient.id()).bind("now", now).execute();
                }
                if (form.geofilterId() != null && !form.geofilterId().isBlank()) geofilters.recordUse(h, form.geofilterId(), now);
                return media.kind().name().toLowerCase();
            });
        } catch (RuntimeException e) {
            drawn.failed();
            throw e;
        }
        drawn.committed();
        for (var recipient : recipients) {
            events.publish(new Event.SnapReceived(Instant.ofEpochMilli(now), recipient.id(), id, me.username(), kind));
        }
        var statuses = recipients.stream()
                .map(r -> new RecipientStatus(r.username(), "delivered", Instant.ofEpochMilli(now), null, null, null))
                .toList();
        return new Sent(id, Instant.ofEpochMilli(now), Instant.ofEpochMilli(expiresAt), statuses);
    }

    public List<Received> received(Account me) {
        var now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT s.id, a.username, a.display_name, s.kind, s.sent_at, s.view_seconds, s.media_id,
                       r.opened_at, r.replayed_at, m.expires_at AS media_expires
                FROM snap_recipient r
                JOIN snap s ON s.id = r.snap_id
                JOIN account a ON a.id = s.sender_id
                LEFT JOIN media m ON m.id = s.media_id
                WHERE r.recipient_id = :me AND s.expires_at > :now
                  AND NOT EXISTS (SELECT 1 FROM block b WHERE (b.blocker_id = :me AND b.blocked_id = s.sender_id)
                                                          OR (b.blocker_id = s.sender_id AND b.blocked_id = :me))
                ORDER BY s.sent_at DESC""")
                .bind("me", me.id()).bind("now", now)
                .map((rs, ctx) -> {
                    var mediaAlive = rs.getString("media_id") != null
                            && (rs.getObject("media_expires") == null || rs.getLong("media_expires") > now);
                    var opened = (Long) nullable(rs.getObject("opened_at"));
                    var replayed = (Long) nullable(rs.getObject("replayed_at"));
                    String status;
                    if (!mediaAlive) status = "gone";
                    else if (opened == null) status = "new";
                    else if (replayed == null && opened + REPLAY_WINDOW.toMillis() > now) status = "opened";
                    else status = "gone";
                    return new Received(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                            Media.Kind.valueOf(rs.getString("kind").toUpperCase()),
                            Instant.ofEpochMilli(rs.getLong("sent_at")), status, rs.getInt("view_seconds"));
                })
                .list());
    }

    /// Opens a snap for `viewer` (signed in): its media URLs are bound to the viewer's session.
    public Opened open(Viewer viewer, String snapId) {
        return view(viewer, snapId, false);
    }

    public Opened replay(Viewer viewer, String snapId) {
        return view(viewer, snapId, true);
    }

    private Opened view(Viewer viewer, String snapId, boolean replay) {
        if (viewer.anonymous()) throw new PastelException.Unauthenticated("sign in first");
        var me = viewer.account();
        var now = clock.millis();
        return jdbi.inTransaction(h -> {
            var snap = snapFor(h, snapId, me, now);
            requireFriends(h, me, snap);
            int changed;
            if (replay) {
                // One conditional UPDATE: a replay happens at most once, and only inside the window.
                changed = h.createUpdate("""
                        UPDATE snap_recipient SET replayed_at = :now
                        WHERE snap_id = :id AND recipient_id = :me AND opened_at IS NOT NULL
                          AND replayed_at IS NULL AND opened_at > :windowStart""")
                        .bind("now", now).bind("id", snapId).bind("me", me.id())
                        .bind("windowStart", now - REPLAY_WINDOW.toMillis()).execute();
                if (changed == 0 && snap.openedAt() == null) {
                    throw new PastelException.Conflict("open the snap before replaying it");
                }
            } else {
                // Two concurrent opens: exactly one changes the row, the other gets 410.
                changed = h.createUpdate("""
                        UPDATE snap_recipient SET opened_at = :now
                        WHERE snap_id = :id AND recipient_id = :me AND opened_at IS NULL""")
                        .bind("now", now).bind("id", snapId).bind("me", me.id()).execute();
            }
            if (changed != 1) {
                throw new PastelException.Gone(replay ? "this snap cannot be replayed any more" : "this snap was already opened");
            }
            updateMediaExpiry(h, snapId);
            var at = Instant.ofEpochMilli(now);
            events.publish(replay ? new Event.SnapReplayed(at, snap.senderId(), snapId, me.username())
                    : new Event.SnapOpened(at, snap.senderId(), snapId, me.username()));
            var openedAt = replay ? snap.openedAt() : Long.valueOf(now);
            var replayUntil = replay ? null : Instant.ofEpochMilli(openedAt + REPLAY_WINDOW.toMillis());
            return new Opened(snapId, urls.sign(snap.mediaId(), SignedUrls.Variant.ORIGINAL, viewer),
                    urls.sign(snap.mediaId(), SignedUrls.Variant.THUMB, viewer), snap.kind(), snap.viewSeconds(), snap.caption(),
                    !replay, replayUntil);
        });
    }

    public void screenshot(Account me, String snapId) {
        var now = clock.millis();
        var senderToTell = jdbi.inTransaction(h -> {
            var snap = snapOf(h, snapId, me).orElseThrow(() -> new PastelException.NotFound("no snap " + snapId + " for you"));
            requireFriends(h, me, snap);
            if (snap.openedAt() == null) throw new PastelException.Conflict("a snap can only be screenshotted once opened");
            var first = h.createUpdate("""
                    UPDATE snap_recipient SET screenshot_at = :now
                    WHERE snap_id = :id AND recipient_id = :me AND screenshot_at IS NULL""")
                    .bind("now", now).bind("id", snapId).bind("me", me.id()).execute();
            return first == 1 ? snap.senderId() : null;
        });
        // Told after the commit (a push is queued from it, on another connection).
        if (senderToTell != null) {
            events.publish(new Event.SnapScreenshot(Instant.ofEpochMilli(now), senderToTell, snapId, me.username()));
        }
    }

    public List<Sent> sent(Account me) {
        var now = clock.millis();
        return jdbi.withHandle(h -> {
            var snaps = h.createQuery("""
                    SELECT id, sent_at, expires_at FROM snap WHERE sender_id = :me AND expires_at > :now
                    ORDER BY sent_at DESC LIMIT 200""")
                    .bind("me", me.id()).bind("now", now)
                    .map((rs, ctx) -> new Sent(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("sent_at")),
                            Instant.ofEpochMilli(rs.getLong("expires_at")), new ArrayList<>()))
                    .list();
            for (var snap : snaps) {
                h.createQuery("""
                        SELECT a.username, r.delivered_at, r.opened_at, r.replayed_at, r.screenshot_at
                        FROM snap_recipient r JOIN account a ON a.id = r.recipient_id
                        WHERE r.snap_id = :id ORDER BY a.username""")
                        .bind("id", snap.id())
                        .map((rs, ctx) -> {
                            var opened = instant(rs.getObject("opened_at"));
                            var replayed = instant(rs.getObject("replayed_at"));
                            var status = replayed != null ? "replayed" : opened != null ? "opened" : "delivered";
                            return new RecipientStatus(rs.getString("username"), status,
                                    instant(rs.getObject("delivered_at")), opened, replayed, instant(rs.getObject("screenshot_at")));
                        })
                        .forEach(snap.recipients()::add);
            }
            return snaps;
        });
    }

    /// Ends every snap between `a` and `b`, either way (a block): each stops being the other's to
    /// open, and a snap left with no recipient is deleted. Returns the media to delete once the
    /// caller's transaction has committed (promise 1).
    public static List<String> endBetween(Handle h, String a, String b) {
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

    /// Deletes snaps past their 30-day (or 24-hour) life, and captions of snaps whose media is gone.
    public int sweep() {
        var now = clock.millis();
        return jdbi.withHandle(h -> {
            h.createUpdate("UPDATE snap SET caption = NULL WHERE media_id IS NULL AND caption IS NOT NULL").execute();
            return h.createUpdate("DELETE FROM snap WHERE expires_at <= :now").bind("now", now).execute();
        });
    }

    private record SnapRow(String id, String senderId, String mediaId, Media.Kind kind, int viewSeconds, String caption,
                           long expiresAt, Long openedAt, Long replayedAt) {}

    private static java.util.Optional<SnapRow> snapOf(Handle h, String snapId, Account me) {
        return h.createQuery("""
                SELECT s.id, s.sender_id, s.media_id, s.kind, s.view_seconds, s.caption, s.expires_at, r.opened_at,
                       r.replayed_at
                FROM snap s JOIN snap_recipient r ON r.snap_id = s.id AND r.recipient_id = :me
                WHERE s.id = :id""")
                .bind("id", snapId).bind("me", me.id())
                .map((rs, ctx) -> new SnapRow(rs.getString("id"), rs.getString("sender_id"), rs.getString("media_id"),
                        Media.Kind.valueOf(rs.getString("kind").toUpperCase()), rs.getInt("view_seconds"),
                        rs.getString("caption"), rs.getLong("expires_at"),
                        (Long) nullable(rs.getObject("opened_at")), (Long) nullable(rs.getObject("replayed_at"))))
                .findOne();
    }

    /// Snaps are between friends at the moment of every action: after an unfriend (or a block,
    /// which ends the friendship) the snap no longer exists for the recipient.
    private static void requireFriends(Handle h, Account me, SnapRow snap) {
        if (!FriendService.areFriends(h, me.id(), snap.senderId())) {
            throw new PastelException.NotFound("no snap " + snap.id() + " for you");
        }
    }

    private static SnapRow snapFor(Handle h, String snapId, Account me, long now) {
        var snap = snapOf(h, snapId, me).orElseThrow(() -> new PastelException.NotFound("no snap " + snapId + " for you"));
        var mediaLive = snap.mediaId() != null && h.createQuery("""
                SELECT COUNT(*) FROM media WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("id", snap.mediaId()).bind("now", now).mapTo(Integer.class).one() > 0;
        if (snap.expiresAt() <= now || !mediaLive) throw new PastelException.Gone("this snap is gone");
        return snap;
    }

    /// The media's deletion moment: when the last recipient has used up its views (replay done,
    /// or the replay window over), and never later than the snap's own life.
    private static void updateMediaExpiry(Handle h, String snapId) {
        var snap = h.createQuery("SELECT media_id, view_seconds, expires_at FROM snap WHERE id = :id").bind("id", snapId)
                .mapToMap().one();
        var viewSeconds = ((Number) snap.get("view_seconds")).intValue();
        var snapExpires = ((Number) snap.get("expires_at")).longValue();
        var grace = viewGrace(viewSeconds).toMillis();
        var latest = h.createQuery("SELECT opened_at, replayed_at FROM snap_recipient WHERE snap_id = :id")
                .bind("id", snapId)
                .map((rs, ctx) -> {
                    var opened = (Long) nullable(rs.getObject("opened_at"));
                    var replayed = (Long) nullable(rs.getObject("replayed_at"));
                    if (replayed != null) return replayed + grace;
                    if (opened != null) return opened + REPLAY_WINDOW.toMillis();
                    return snapExpires;
                })
                .list().stream().mapToLong(Long::longValue).max().orElse(snapExpires);
        MediaStore.setExpiry(h, (String) snap.get("media_id"), Math.min(latest, snapExpires));
    }

    /// How long a replayed snap stays loadable: its view time plus 30 s to fetch it; "no limit"
    /// snaps get the whole life of their URL (5 minutes).
    static Duration viewGrace(int viewSeconds) {
        return viewSeconds == 0 ? SignedUrls.LIFETIME : Duration.ofSeconds(viewSeconds + 30L);
    }

    private static Object nullable(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
