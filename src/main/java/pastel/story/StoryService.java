package pastel.story;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Ages;
import pastel.alttext.MediaTextService;
import pastel.db.Ids;
import pastel.geofilter.GeofilterService;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;
import pastel.problem.PastelException.FieldError;
import pastel.team.TeamService;
import pastel.block.BlockService;
import pastel.friend.FriendService;
import pastel.media.Media;
import pastel.chat.ChatService;
import pastel.realtime.Event;
import pastel.realtime.EventBus;

/// Stories: items visible 24 hours to friends or to everyone, then deleted for real; views
/// recorded once per viewer and item; highlights kept by public accounts.
public final class StoryService {
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final int MAX_ACTIVE = 50;
    static final int MAX_CAPTION = 250;

    private final StoryStore store;
    private final AccountService accounts;
    private final TeamService team;
    private final MediaService media;
    private final SignedUrls urls;
    private final GeofilterService geofilters;
    private final Ages ages;
    private final Clock clock;
    private final ViewRecorder views;
    private final EventBus events;
    private final ChatService chats;
    private final StoryFeed feed;
    private final MediaTextService texts;

    public StoryService(Jdbi jdbi, AccountService accounts, TeamService team, MediaService media, SignedUrls urls,
                        GeofilterService geofilters, Ages ages, EventBus events, ChatService chats, MediaTextService texts,
                        Clock clock) {
        this.texts = texts;
        this.events = events;
        this.chats = chats;
        this.store = new StoryStore(jdbi);
        this.accounts = accounts;
        this.team = team;
        this.media = media;
        this.urls = urls;
        this.geofilters = geofilters;
        this.ages = ages;
        this.clock = clock;
        this.views = new ViewRecorder(store);
        this.feed = new StoryFeed(store, clock);
    }

    /// Stops the view writer after it has written what is queued.
    public void close() {
        views.close();
    }

    public enum Audience { FRIENDS, PUBLIC }

    /// `alt`: the text alternative (checked and kept by `alttext.MediaTextService` before the post).
    public record PostForm(String mediaId, Audience audience, String caption, String account, String geofilterId, String alt) {}

    public record Posted(String id, Instant postedAt, Instant expiresAt, Audience audience, String account) {}

    public record ViewForm(Long watchedMs, Boolean completed) {}


    /// An item as a looker sees it. `alt`: its text alternative (null when none); `captionsUrl`: a
    /// video's WebVTT captions, signed for the looker like the media (null when none); `animated`:
    /// an animated GIF, WebP or APNG stored as a video, which clients play in a loop.
    public record Visible(String id, String kind, Audience audience, String caption, Instant postedAt, Instant expiresAt,
                          boolean highlight, String mediaUrl, String thumbnailUrl, String credit, String postedBy,
                          String alt, String captionsUrl, boolean animated) {}

    public record Viewer(String username, String displayName, Instant viewedAt, long longestWatchMs, boolean completed) {}

    public Posted post(Account me, PostForm form) {
        var errors = new ArrayList<FieldError>();
        if (form.mediaId() == null || form.mediaId().isBlank()) errors.add(PastelException.FieldError.required("mediaId"));
        var caption = form.caption() == null || form.caption().isBlank() ? null : form.caption().strip();
        if (caption != null && caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
            errors.add(PastelException.FieldError.tooLong("caption", MAX_CAPTION));
        }
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        var owner = form.account() == null || form.account().isBlank() ? me : team.managed(me, form.account().strip());
        var audience = form.audience() != null ? form.audience() : owner.isPublic() ? Audience.PUBLIC : Audience.FRIENDS;
        if (owner.isPublic() && audience == Audience.FRIENDS) {
            throw new PastelException.Invalid("audience", "not-allowed-value", "a public account's story is public");
        }
        if (audience == Audience.PUBLIC && ages.isMinor(owner)) {
            throw new PastelException.Forbidden(ProblemType.MINOR_PUBLIC_STORY, "accounts of people under 18 cannot post public stories");
        }
        var now = now();
        var expires = now.plus(LIFETIME);
        var id = Ids.newId(now.toEpochMilli());
        // The geofilter is drawn into the pixels before anything is written (see GeofilterOverlay).
        var drawn = geofilters.draw(me, form.mediaId(), form.geofilterId());
        try {
            store.jdbi().useTransaction(h -> {
                if (StoryStore.activeCount(h, owner.id(), now, now.minus(LIFETIME)) >= MAX_ACTIVE) {
                    throw new PastelException.Conflict("a story holds at most " + MAX_ACTIVE + " active items; delete one first");
                }
                var attached = MediaStore.attach(h, drawn.mediaId(), me.id(), "story", expires.toEpochMilli(),
                        now.toEpochMilli()).orElseThrow(() ->
                        new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
                StoryStore.insert(h, new StoryItem(id, owner.id(), me.id(), attached.id(), StoryItem.Story.MAIN,
                        attached.kind(), audience, caption, null, now, expires, false));
                if (!owner.id().equals(me.id())) {
                    TeamService.record(h, owner, me, "story.post", id, now.toEpochMilli());
                    // Posted in the account's name, it is the account's: it goes with the account,
                    // and stays when the manager leaves or deletes their own account.
                    MediaStore.transfer(h, attached.id(), owner.id());
                }
                if (form.geofilterId() != null && !form.geofilterId().isBlank()) geofilters.recordUse(h, form.geofilterId(), now.toEpochMilli());
                // One event for all followers: each node finds them among its own connections (no
                // per-subscriber writes, however many subscribers the account has).
                events.publishAfterCommit(h, new Event.StoryPosted(now, owner.id(), owner.username(), id,
                        audience.name().toLowerCase()));
            });
        } catch (RuntimeException e) {
            drawn.failed();
            throw e;
        }
        drawn.committed();
        feed.changed(owner.id());
        return new Posted(id, now, expires, audience, owner.username());
    }

    /// Now, to the millisecond: what the database keeps.
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /// Puts an approved submission in `owner`'s community story for 24 hours from `now`, credited
    /// to `creditId` (null: anonymous), inside the community's transaction; returns the item's end.
    public static Instant addToCommunity(Handle h, String itemId, Account owner, Account approvedBy, String mediaId,
                                         Media.Kind kind, String caption, String creditId, Instant now) {
        var expires = now.plus(LIFETIME);
        StoryStore.insert(h, new StoryItem(itemId, owner.id(), approvedBy.id(), mediaId, StoryItem.Story.COMMUNITY, kind,
                Audience.PUBLIC, caption, creditId, now, expires, false));
        return expires;
    }

    /// Tells the feed that `accountId`, or what it follows, changed (see [FeedCache]).
    public void accountChanged(String accountId) {
        feed.changed(accountId);
    }

    /// The viewer's feed as JSON (see [StoryFeed]).
    public FeedCache.Body feedJson(Account me) {
        return feed.json(me);
    }

    /// The active items of `username`'s main story that `viewer` (null: anonymous) may see.
    public List<Visible> storyOf(pastel.account.Viewer viewer, String username) {
        var owner = accounts.visibleTo(viewer.account(), username);
        return items(viewer, owner, StoryItem.Story.MAIN, false);
    }

    public List<Visible> highlightsOf(pastel.account.Viewer viewer, String username) {
        var owner = accounts.visibleTo(viewer.account(), username);
        return items(viewer, owner, StoryItem.Story.MAIN, true);
    }

    public List<Visible> communityOf(pastel.account.Viewer viewer, Account owner) {
        return items(viewer, owner, StoryItem.Story.COMMUNITY, false);
    }

    /// Items of `owner`'s story that `looker` may see, each with media URLs bound to it.
    private List<Visible> items(pastel.account.Viewer looker, Account owner, StoryItem.Story story, boolean highlights) {
        var viewer = looker.account();
        var now = now();
        var insider = viewer != null && team.canManage(viewer, owner);
        var friend = viewer != null && !insider && isFriend(viewer, owner);
        var shown = store.items(owner.id(), story, highlights, now, now.minus(LIFETIME)).stream()
                .filter(listed -> insider || listed.item().audience() == Audience.PUBLIC || friend)
                .toList();
        // One query for the alts and captions of all the items shown, not one per item.
        var alts = texts.of(shown.stream().map(listed -> listed.item().mediaId()).toList());
        return shown.stream().map(listed -> {
                    var item = listed.item();
                    var text = alts.get(item.mediaId());
                    // A submitter is credited only where their account exists for the looker: never a
                    // minor's name to signed-out visitors, never a name across a block (promise 2).
                    var credit = listed.creditName() == null ? null
                            : accounts.findVisible(viewer, listed.creditName()).map(Account::username).orElse(null);
                    return new Visible(item.id(), item.kind().name().toLowerCase(), item.audience(),
                            item.caption(), item.postedAt(), item.expiresAt(), item.highlight(),
                            urls.sign(item.mediaId(), SignedUrls.Variant.ORIGINAL, looker),
                            urls.sign(item.mediaId(), SignedUrls.Variant.THUMB, looker), credit,
                            insider ? listed.posterName() : null, text == null ? null : text.alt(),
                            text != null && text.hasCaptions() && item.kind() == Media.Kind.VIDEO
                                    ? urls.sign(item.mediaId(), SignedUrls.Variant.CAPTIONS, looker) : null,
                            listed.animated());
                })
                .toList();
    }

    /// Records a view. Every view adds to `views`; a signed-in viewer has one record per item,
    /// kept by a single upsert, so a repeat never adds a viewer.
    public void view(Account viewer, String itemId, ViewForm form) {
        var errors = new ArrayList<FieldError>();
        var watched = form.watchedMs() == null ? 0L : form.watchedMs();
        if (watched < 0 || watched > 3_600_000) errors.add(new FieldError("watchedMs", "out-of-range", "must be 0 to 3600000"));
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        var completed = Boolean.TRUE.equals(form.completed());
        var now = now();
        var viewerId = viewer == null ? "" : viewer.id();
        var context = store.viewContext(itemId, viewerId)
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId));
        var accountId = context.accountId();
        if (!context.highlight() && (context.expiresAt() == null || !context.expiresAt().isAfter(now))) {
            throw new PastelException.Gone("this story item has expired");
        }
        if (context.blocked()) throw new PastelException.NotFound("no story item " + itemId);
        var isPublic = context.audience() == Audience.PUBLIC;
        var isClose = context.close() || viewerId.equals(accountId);
        if (!isPublic && !isClose) throw new PastelException.NotFound("no story item " + itemId);
        if (viewerId.equals(accountId)) return; // the owner's own looks are not audience
        views.record(new ViewRecorder.PendingView(itemId, accountId, viewer == null ? null : viewer.id(), now.toEpochMilli(),
                watched, completed, viewer == null ? null : ageBand(viewer), context.subscriber(),
                new java.util.concurrent.CompletableFuture<>()));
        if (viewer != null) feed.changed(viewer.id()); // the item is now seen in the viewer's feed
    }

    public record ReplyForm(String text) {}

    /// A reply to an item: a chat message to a personal owner (friends only) or to an official
    /// account's inbox.
    public ChatService.Message reply(Account me, String itemId, ReplyForm form) {
        var item = visibleItem(me, itemId, clock.millis());
        var owner = accounts.byId(item.accountId());
        if (owner.id().equals(me.id())) throw new PastelException.Invalid("storyId", "not-yourself", "you cannot reply to your own story");
        return store.jdbi().inTransaction(h -> {
            var message = chats.reply(h, me, owner, itemId, form.text());
            StoryStore.countReply(h, itemId);
            return message;
        });
    }

    public void screenshot(Account viewer, String itemId) {
        var item = visibleItem(viewer, itemId, clock.millis());
        store.countScreenshot(item.id());
    }

    /// Who viewed an item: only for a personal account's own items. Official accounts see aggregates.
    public List<Viewer> viewers(Account me, String itemId) {
        var item = itemById(itemId).filter(i -> i.accountId().equals(me.id()) || canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        if (owner.isPublic()) {
            throw new PastelException.Forbidden("official accounts see aggregates only, never individual viewers");
        }
        return store.viewers(itemId, owner.id());
    }

    /// Deletes an item now: row, blobs and URLs, with its insight aggregates kept.
    public void delete(Account me, String itemId) {
        var item = itemById(itemId).filter(i -> canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        if (!owner.id().equals(me.id())) {
            store.jdbi().useTransaction(h -> TeamService.record(h, owner, me, "story.delete", itemId, clock.millis()));
        }
        deleteItem(item);
        storyChanged(owner);
    }

    /// This node's feeds showing `owner` are rebuilt at once, other nodes' too (told by the bus).
    private void storyChanged(Account owner) {
        feed.changed(owner.id());
        events.publish(new Event.AccountChanged(clock.instant(), owner.id()));
    }

    public void setHighlight(Account me, String itemId, boolean highlight) {
        var now = now();
        var item = itemById(itemId).filter(i -> canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        if (!owner.isPublic()) throw new PastelException.Conflict("highlights are for public accounts");
        if (highlight && item.expiresAt() != null && !item.expiresAt().isAfter(now)) {
            throw new PastelException.Gone("this item has expired");
        }
        var expires = highlight ? null : item.postedAt().plus(LIFETIME);
        store.jdbi().useTransaction(h -> {
            StoryStore.setHighlight(h, itemId, highlight, expires);
            MediaStore.setExpiry(h, item.mediaId(), expires == null ? null : expires.toEpochMilli());
            TeamService.record(h, owner, me, highlight ? "story.highlight" : "story.unhighlight", itemId,
                    now.toEpochMilli());
        });
        storyChanged(owner);
    }

    /// Deletes items whose 24 hours are over, keeping their aggregates for insights.
    public int sweep() {
        var due = store.due(now(), 1000);
        due.forEach(this::deleteItem);
        return due.size();
    }

    private void deleteItem(StoryItem item) {
        store.delete(item.id());
        media.deleteById(item.mediaId());
    }

    /// Forgets an account being deleted as a viewer (its per-item records go with its row).
    public void forgetViewer(String accountId) {
        store.forgetDailyViewer(accountId);
    }

    /// Forgets who viewed which account on which day, two days on; the daily counts stay.
    public int sweepDailyViewers() {
        return store.deleteDailyViewersBefore(Math.floorDiv(clock.millis(), 86_400_000L) - 2);
    }

    private StoryItem visibleItem(Account viewer, String itemId, long now) {
        var item = itemById(itemId).orElseThrow(() -> new PastelException.NotFound("no story item " + itemId));
        var live = item.highlight() || (item.expiresAt() != null && item.expiresAt().toEpochMilli() > now);
        if (!live) throw new PastelException.Gone("this story item has expired");
        var owner = accounts.byId(item.accountId());
        if (viewer != null && store.jdbi().withHandle(h -> BlockService.eitherBlocks(h, viewer.id(), owner.id()))) throw new PastelException.NotFound("no story item " + itemId);
        if (item.audience() == Audience.PUBLIC) return item;
        if (viewer != null && (team.canManage(viewer, owner) || isFriend(viewer, owner))) return item;
        throw new PastelException.NotFound("no story item " + itemId);
    }

    private Optional<StoryItem> itemById(String itemId) {
        return store.byId(itemId);
    }

    private boolean canManage(Account me, StoryItem item) {
        return me.id().equals(item.accountId()) || team.canManage(me, accounts.byId(item.accountId()));
    }

    private boolean isFriend(Account viewer, Account owner) {
        return store.jdbi().withHandle(h -> FriendService.areFriends(h, viewer.id(), owner.id()));
    }

    private String ageBand(Account viewer) {
        if (viewer.birthDate() == null) return null;
        var age = ages.ageOf(viewer.birthDate());
        if (age < 18) return "13-17";
        if (age < 25) return "18-24";
        if (age < 35) return "25-34";
        return "35+";
    }
}
