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
import pastel.alttext.MediaTextService;
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

    private final SnapStore store;
    private final AccountService accounts;
    private final FriendService friends;
    private final SignedUrls urls;
    private final GeofilterService geofilters;
    private final EventBus events;
    private final MediaTextService texts;
    private final Clock clock;

    public SnapService(Jdbi jdbi, AccountService accounts, FriendService friends, SignedUrls urls,
                       GeofilterService geofilters, MediaTextService texts, EventBus events, Clock clock) {
        this.events = events;
        this.texts = texts;
        this.store = new SnapStore(jdbi);
        this.accounts = accounts;
        this.friends = friends;
        this.urls = urls;
        this.geofilters = geofilters;
        this.clock = clock;
    }

    /// Now, to the millisecond: what the database keeps.
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /// `alt`: an optional text alternative (up to 1,500 characters), given to each recipient on opening.
    public record SendForm(String mediaId, List<String> to, Integer viewSeconds, String caption, String geofilterId,
                           String alt) {}

    public record Sent(String id, Instant sentAt, Instant expiresAt, List<RecipientStatus> recipients) {}

    public record RecipientStatus(String username, String status, Instant deliveredAt, Instant openedAt,
                                  Instant replayedAt, Instant screenshotAt) {}

    public record Received(String id, String from, String fromDisplayName, Media.Kind kind, Instant sentAt,
                           String status, int viewSeconds) {}

    /// `animated`: an animated GIF, WebP or APNG stored as a video, which clients play in a loop.
    public record Opened(String id, String mediaUrl, String thumbnailUrl, Media.Kind kind, int viewSeconds,
                         String caption, boolean replayAvailable, Instant replayUntil, boolean animated, String alt) {}

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
        String alt = null;
        try {
            alt = texts.optional(form.alt());
        } catch (PastelException.Invalid e) {
            errors.addAll(e.errors());
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
        var now = now();
        var lifetime = recipients.size() > 1 ? GROUP_LIFETIME : SINGLE_LIFETIME;
        var expiresAt = now.plus(lifetime);
        var id = Ids.newId(now.toEpochMilli());
        // The geofilter is drawn into the pixels before anything is written (see GeofilterOverlay).
        var drawn = geofilters.draw(me, form.mediaId(), form.geofilterId());
        var finalAlt = alt;
        try {
            store.jdbi().inTransaction(h -> {
                var media = MediaStore.attach(h, drawn.mediaId(), me.id(), "snap", expiresAt.toEpochMilli(), now.toEpochMilli())
                        .orElseThrow(() -> new PastelException.NotFound(
                                "no unused upload " + form.mediaId() + " of yours (uploads are used once and kept 1 hour)"));
                SnapStore.insert(h, new SnapStore.NewSnap(id, me.id(), media.id(), media.kind(), form.viewSeconds(), caption,
                        now, expiresAt), recipients.stream().map(Account::id).toList());
                // On the media row's side: it goes with the snap's media (promise 1), overwritten (secure_delete).
                if (finalAlt != null) MediaTextService.saveAlt(h, media.id(), finalAlt);
                if (form.geofilterId() != null && !form.geofilterId().isBlank()) {
                    geofilters.recordUse(h, form.geofilterId(), now.toEpochMilli());
                }
                for (var recipient : recipients) {
                    events.publishAfterCommit(h, new Event.SnapReceived(now, recipient.id(), id, me.username(),
                            media.kind().name().toLowerCase()));
                }
                return media.kind();
            });
        } catch (RuntimeException e) {
            drawn.failed();
            throw e;
        }
        drawn.committed();
        var statuses = recipients.stream()
                .map(r -> new RecipientStatus(r.username(), Progress.DELIVERED.label(), now, null, null, null))
                .toList();
        return new Sent(id, now, expiresAt, statuses);
    }

    /// What a recipient's inbox says of a snap.
    enum InboxStatus {
        NEW, OPENED, GONE;

        String label() {
            return name().toLowerCase();
        }
    }

    /// How far a recipient has got with a snap, as its sender sees it.
    enum Progress {
        DELIVERED, OPENED, REPLAYED;

        String label() {
            return name().toLowerCase();
        }
    }

    public List<Received> received(Account me) {
        var now = now();
        return store.inbox(me.id(), now).stream()
                .map(s -> new Received(s.id(), s.username(), s.displayName(), s.kind(), s.sentAt(),
                        inboxStatus(s, now).label(), s.viewSeconds()))
                .toList();
    }

    private static InboxStatus inboxStatus(SnapStore.Inboxed snap, Instant now) {
        var mediaAlive = snap.mediaId() != null && (snap.mediaExpiresAt() == null || snap.mediaExpiresAt().isAfter(now));
        if (!mediaAlive) return InboxStatus.GONE;
        if (snap.openedAt() == null) return InboxStatus.NEW;
        if (snap.replayedAt() == null && snap.openedAt().plus(REPLAY_WINDOW).isAfter(now)) return InboxStatus.OPENED;
        return InboxStatus.GONE;
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
        var now = now();
        var snap = store.jdbi().inTransaction(h -> {
            var found = snapFor(h, snapId, me, now);
            requireFriends(h, me, found);
            boolean changed;
            if (replay) {
                changed = SnapStore.markReplayed(h, snapId, me.id(), now, now.minus(REPLAY_WINDOW));
                if (!changed && found.openedAt() == null) {
                    throw new PastelException.Conflict("open the snap before replaying it");
                }
            } else {
                changed = SnapStore.markOpened(h, snapId, me.id(), now);
            }
            if (!changed) {
                throw new PastelException.Gone(replay ? "this snap cannot be replayed any more" : "this snap was already opened");
            }
            updateMediaExpiry(h, snapId);
            events.publishAfterCommit(h, replay ? new Event.SnapReplayed(now, found.senderId(), snapId, me.username())
                    : new Event.SnapOpened(now, found.senderId(), snapId, me.username()));
            return found;
        });
        var openedAt = replay ? snap.openedAt() : now;
        var replayUntil = replay ? null : openedAt.plus(REPLAY_WINDOW);
        return new Opened(snapId, urls.sign(snap.mediaId(), SignedUrls.Variant.ORIGINAL, viewer),
                urls.sign(snap.mediaId(), SignedUrls.Variant.THUMB, viewer), snap.kind(), snap.viewSeconds(), snap.caption(),
                !replay, replayUntil, snap.animated(), texts.altOf(snap.mediaId()).orElse(null));
    }

    public void screenshot(Account me, String snapId) {
        var now = now();
        store.jdbi().useTransaction(h -> {
            var snap = SnapStore.toView(h, snapId, me.id())
                    .orElseThrow(() -> new PastelException.NotFound("no snap " + snapId + " for you"));
            requireFriends(h, me, snap);
            if (snap.openedAt() == null) throw new PastelException.Conflict("a snap can only be screenshotted once opened");
            // Told after the commit (a push is queued from it, on another connection), and only the first time.
            if (SnapStore.markScreenshot(h, snapId, me.id(), now)) {
                events.publishAfterCommit(h, new Event.SnapScreenshot(now, snap.senderId(), snapId, me.username()));
            }
        });
    }

    public List<Sent> sent(Account me) {
        var now = now();
        return store.jdbi().withHandle(h -> SnapStore.sentBy(h, me.id(), now).stream()
                .map(snap -> new Sent(snap.id(), snap.sentAt(), snap.expiresAt(), SnapStore.recipientsOf(h, snap.id()).stream()
                        .map(r -> new RecipientStatus(r.username(), progress(r).label(), r.deliveredAt(), r.openedAt(),
                                r.replayedAt(), r.screenshotAt()))
                        .toList()))
                .toList());
    }

    private static Progress progress(SnapStore.RecipientTimes recipient) {
        if (recipient.replayedAt() != null) return Progress.REPLAYED;
        return recipient.openedAt() != null ? Progress.OPENED : Progress.DELIVERED;
    }

    /// Ends every snap between `a` and `b`, either way (a block): each stops being the other's to
    /// open, and a snap left with no recipient is deleted. Returns the media to delete once the
    /// caller's transaction has committed (promise 1).
    public static List<String> endBetween(Handle h, String a, String b) {
        return SnapStore.endBetween(h, a, b);
    }

    /// Deletes snaps past their 30-day (or 24-hour) life, and captions of snaps whose media is gone.
    public int sweep() {
        return store.sweep(now());
    }

    /// Snaps are between friends at the moment of every action: after an unfriend (or a block,
    /// which ends the friendship) the snap no longer exists for the recipient.
    private static void requireFriends(Handle h, Account me, SnapStore.ToView snap) {
        if (!FriendService.areFriends(h, me.id(), snap.senderId())) {
            throw new PastelException.NotFound("no snap " + snap.id() + " for you");
        }
    }

    private static SnapStore.ToView snapFor(Handle h, String snapId, Account me, Instant now) {
        var snap = SnapStore.toView(h, snapId, me.id())
                .orElseThrow(() -> new PastelException.NotFound("no snap " + snapId + " for you"));
        var mediaLive = snap.mediaId() != null && MediaStore.isLive(h, snap.mediaId(), now.toEpochMilli());
        if (!snap.expiresAt().isAfter(now) || !mediaLive) throw new PastelException.Gone("this snap is gone");
        return snap;
    }

    /// The media's deletion moment: when the last recipient has used up its views (replay done,
    /// or the replay window over), and never later than the snap's own life.
    private static void updateMediaExpiry(Handle h, String snapId) {
        var snap = SnapStore.viewing(h, snapId);
        var grace = viewGrace(snap.viewSeconds());
        var latest = SnapStore.views(h, snapId).stream()
                .map(v -> v.replayedAt() != null ? v.replayedAt().plus(grace)
                        : v.openedAt() != null ? v.openedAt().plus(REPLAY_WINDOW) : snap.expiresAt())
                .max(Instant::compareTo).orElse(snap.expiresAt());
        var until = latest.isBefore(snap.expiresAt()) ? latest : snap.expiresAt();
        MediaStore.setExpiry(h, snap.mediaId(), until.toEpochMilli());
    }

    /// How long a replayed snap stays loadable: its view time plus 30 s to fetch it; "no limit"
    /// snaps get the whole life of their URL (5 minutes).
    static Duration viewGrace(int viewSeconds) {
        return viewSeconds == 0 ? SignedUrls.LIFETIME : Duration.ofSeconds(viewSeconds + 30L);
    }
}
