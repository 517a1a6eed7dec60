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
import pastel.db.Ids;
import pastel.geofilter.GeofilterService;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;
import pastel.problem.PastelException.FieldError;
import pastel.team.TeamService;
import pastel.chat.ChatService;
import pastel.realtime.Event;
import pastel.realtime.EventBus;

/// Stories: items visible 24 hours to friends or to everyone, then deleted for real; views
/// recorded once per viewer and item; highlights kept by public accounts.
public final class StoryService {
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final int MAX_ACTIVE = 50;
    static final int MAX_CAPTION = 250;

    private final Jdbi jdbi;
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

    public StoryService(Jdbi jdbi, AccountService accounts, TeamService team, MediaService media, SignedUrls urls,
                        GeofilterService geofilters, Ages ages, EventBus events, ChatService chats, Clock clock) {
        this.events = events;
        this.chats = chats;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.team = team;
        this.media = media;
        this.urls = urls;
        this.geofilters = geofilters;
        this.ages = ages;
        this.clock = clock;
        this.views = new ViewRecorder(jdbi);
        this.feed = new StoryFeed(jdbi, clock);
    }

    /// Stops the view writer after it has written what is queued.
    public void close() {
        views.close();
    }

    public enum Audience { FRIENDS, PUBLIC }

    /// `alt`: the text alternative (checked and kept by `alttext.MediaTexts` before the post).
    public record PostForm(String mediaId, Audience audience, String caption, String account, String geofilterId, String alt) {}

    public record Posted(String id, Instant postedAt, Instant expiresAt, Audience audience, String account) {}

    public record ViewForm(Long watchedMs, Boolean completed) {}


    public record Visible(String id, String kind, Audience audience, String caption, Instant postedAt, Instant expiresAt,
                          boolean highlight, String mediaUrl, String thumbnailUrl, String credit, String postedBy) {}

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
        var now = clock.millis();
        var expires = now + LIFETIME.toMillis();
        var id = Ids.newId(now);
        // The geofilter is drawn into the pixels before anything is written (see GeofilterOverlay).
        var drawn = geofilters.draw(me, form.mediaId(), form.geofilterId());
        try {
            jdbi.useTransaction(h -> {
                var active = h.createQuery("""
                        SELECT COUNT(*) FROM story_item WHERE account_id = :a AND story = 'main'
                          AND (expires_at IS NULL OR expires_at > :now) AND posted_at > :since""")
                        .bind("a", owner.id()).bind("now", now).bind("since", now - LIFETIME.toMillis())
                        .mapTo(Integer.class).one();
                if (active >= MAX_ACTIVE) {
                    throw new PastelException.Conflict("a story holds at most " + MAX_ACTIVE + " active items; delete one first");
                }
                var attached = MediaStore.attach(h, drawn.mediaId(), me.id(), "story", expires, now).orElseThrow(() ->
                        new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
                insert(h, id, owner, me, attached.id(), "main", attached.kind().name().toLowerCase(), audience, caption,
                        null, now, expires);
                if (!owner.id().equals(me.id())) {
                    TeamService.record(h, owner, me, "story.post", id, now);
                    // Posted in the account's name, it is the account's: it goes with the account,
                    // and stays when the manager leaves or deletes their own account.
                    MediaStore.transfer(h, attached.id(), owner.id());
                }
                if (form.geofilterId() != null && !form.geofilterId().isBlank()) geofilters.recordUse(h, form.geofilterId(), now);
            });
        } catch (RuntimeException e) {
            drawn.failed();
            throw e;
        }
        drawn.committed();
        feed.changed(owner.id());
        // One event for all followers: each node finds them among its own connections (no
        // per-subscriber writes, however many subscribers the account has).
        events.publish(new Event.StoryPosted(Instant.ofEpochMilli(now), owner.id(), owner.username(), id,
                audience.name().toLowerCase()));
        return new Posted(id, Instant.ofEpochMilli(now), Instant.ofEpochMilli(expires), audience, owner.username());
    }

    /// Writes a story item row; also used by the community story when a submission is approved.
    public static void insert(Handle h, String id, Account owner, Account postedBy, String mediaId, String story,
                              String kind, Audience audience, String caption, String creditId, long now, long expires) {
        h.createUpdate("""
                INSERT INTO story_item (id, account_id, posted_by, media_id, story, kind, audience, caption, credit_id,
                                        posted_at, expires_at, highlight)
                VALUES (:id, :account, :by, :media, :story, :kind, :audience, :caption, :credit, :now, :expires, FALSE)""")
                .bind("id", id).bind("account", owner.id()).bind("by", postedBy.id()).bind("media", mediaId)
                .bind("story", story).bind("kind", kind).bind("audience", audience.name().toLowerCase())
                .bind("caption", caption).bind("credit", creditId).bind("now", now).bind("expires", expires).execute();
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
        return items(viewer, owner, "main", false);
    }

    public List<Visible> highlightsOf(pastel.account.Viewer viewer, String username) {
        var owner = accounts.visibleTo(viewer.account(), username);
        return items(viewer, owner, "main", true);
    }

    public List<Visible> communityOf(pastel.account.Viewer viewer, Account owner) {
        return items(viewer, owner, "community", false);
    }

    /// Items of `owner`'s story that `looker` may see, each with media URLs bound to it.
    private List<Visible> items(pastel.account.Viewer looker, Account owner, String story, boolean highlights) {
        var viewer = looker.account();
        var now = clock.millis();
        var insider = viewer != null && team.canManage(viewer, owner);
        var friend = viewer != null && !insider && isFriend(viewer, owner);
        var where = highlights ? "i.highlight = TRUE" : "i.posted_at > :since AND (i.expires_at IS NULL OR i.expires_at > :now)";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + StoryItem.COLUMNS + """
                            , c.username AS credit_name, p.username AS poster_name
                            FROM story_item i
                            LEFT JOIN account c ON c.id = i.credit_id
                            LEFT JOIN account p ON p.id = i.posted_by
                            WHERE i.account_id = :owner AND i.story = :story AND """ + " " + where
                            + " ORDER BY i.posted_at")
                    .bind("owner", owner.id()).bind("story", story);
            if (!highlights) query.bind("now", now).bind("since", now - LIFETIME.toMillis());
            return query.map((rs, ctx) -> {
                var item = StoryItem.map(rs);
                return new Object[] {item, rs.getString("credit_name"), rs.getString("poster_name")};
            }).list();
        })
                .stream()
                .filter(row -> {
                    var item = (StoryItem) row[0];
                    return insider || item.audience().equals("public") || friend;
                })
                .map(row -> {
                    var item = (StoryItem) row[0];
                    return new Visible(item.id(), item.kind(), Audience.valueOf(item.audience().toUpperCase()),
                            item.caption(), item.postedAt(), item.expiresAt(), item.highlight(),
                            urls.sign(item.mediaId(), SignedUrls.Variant.ORIGINAL, looker),
                            urls.sign(item.mediaId(), SignedUrls.Variant.THUMB, looker), (String) row[1],
                            insider ? (String) row[2] : null);
                })
                .toList();
    }

    /// Records a view. Every view adds to `views`; a signed-in viewer has one record per item,
    /// kept by a single upsert, so a repeat never adds a viewer.
    /// What recording a view needs to know about the item and the viewer's ties to its account.
    private record ViewContext(String accountId, String audience, Number expiresAt, boolean highlight, boolean blocked,
                               boolean close, boolean subscriber) {}

    public void view(Account viewer, String itemId, ViewForm form) {
        var errors = new ArrayList<FieldError>();
        var watched = form.watchedMs() == null ? 0L : form.watchedMs();
        if (watched < 0 || watched > 3_600_000) errors.add(new FieldError("watchedMs", "out-of-range", "must be 0 to 3600000"));
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        var completed = Boolean.TRUE.equals(form.completed());
        var now = clock.millis();
        // Everything a view needs to know, in one query: views are the hottest write path.
        var viewerId = viewer == null ? "" : viewer.id();
        var context = jdbi.withHandle(h -> h.createQuery("""
                SELECT i.account_id, i.audience, i.expires_at, i.highlight,
                       CASE WHEN EXISTS (SELECT 1 FROM block b WHERE (b.blocker_id = i.account_id AND b.blocked_id = :v)
                                                              OR (b.blocker_id = :v AND b.blocked_id = i.account_id))
                            THEN 1 ELSE 0 END AS blocked,
                       CASE WHEN EXISTS (SELECT 1 FROM friendship f WHERE f.account_id = :v AND f.friend_id = i.account_id)
                              OR EXISTS (SELECT 1 FROM team_member t WHERE t.account_id = i.account_id AND t.member_id = :v)
                            THEN 1 ELSE 0 END AS close,
                       CASE WHEN EXISTS (SELECT 1 FROM subscription s WHERE s.subscriber_id = :v AND s.account_id = i.account_id)
                            THEN 1 ELSE 0 END AS subscriber
                FROM story_item i WHERE i.id = :id""")
                .bind("id", itemId).bind("v", viewerId)
                // By position, not by name: this is the hottest read of the write path.
                .map((rs, ctx) -> new ViewContext(rs.getString(1), rs.getString(2), (Number) rs.getObject(3),
                        rs.getBoolean(4), rs.getInt(5) == 1, rs.getInt(6) == 1, rs.getInt(7) == 1))
                .findOne())
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId));
        var accountId = context.accountId();
        var expiresAt = context.expiresAt();
        if (!context.highlight() && (expiresAt == null || expiresAt.longValue() <= now)) {
            throw new PastelException.Gone("this story item has expired");
        }
        if (context.blocked()) throw new PastelException.NotFound("no story item " + itemId);
        var isPublic = "public".equals(context.audience());
        var isClose = context.close() || viewerId.equals(accountId);
        if (!isPublic && !isClose) throw new PastelException.NotFound("no story item " + itemId);
        if (viewerId.equals(accountId)) return; // the owner's own looks are not audience
        var subscriber = context.subscriber();
        views.record(new ViewRecorder.PendingView(itemId, accountId, viewer == null ? null : viewer.id(), now,
                watched, completed, viewer == null ? null : ageBand(viewer), subscriber,
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
        return jdbi.inTransaction(h -> {
            var message = chats.reply(h, me, owner, itemId, form.text());
            h.createUpdate("UPDATE story_item SET replies = replies + 1 WHERE id = :id").bind("id", itemId).execute();
            return message;
        });
    }

    public void screenshot(Account viewer, String itemId) {
        var item = visibleItem(viewer, itemId, clock.millis());
        jdbi.useHandle(h -> h.createUpdate("UPDATE story_item SET screenshots = screenshots + 1 WHERE id = :id")
                .bind("id", item.id()).execute());
    }

    /// Who viewed an item: only for a personal account's own items. Official accounts see aggregates.
    public List<Viewer> viewers(Account me, String itemId) {
        var item = itemById(itemId).filter(i -> i.accountId().equals(me.id()) || canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        if (owner.isPublic()) {
            throw new PastelException.Forbidden("official accounts see aggregates only, never individual viewers");
        }
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, a.display_name, v.first_seen_at, v.longest_watch_ms, v.completed
                FROM story_view v JOIN account a ON a.id = v.viewer_id
                WHERE v.item_id = :id
                  AND NOT EXISTS (SELECT 1 FROM block b WHERE (b.blocker_id = v.viewer_id AND b.blocked_id = :owner)
                                                          OR (b.blocker_id = :owner AND b.blocked_id = v.viewer_id))
                ORDER BY v.first_seen_at""")
                .bind("id", itemId).bind("owner", owner.id())
                .map((rs, ctx) -> new Viewer(rs.getString("username"), rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("first_seen_at")), rs.getLong("longest_watch_ms"),
                        rs.getBoolean("completed")))
                .list());
    }

    /// Deletes an item now: row, blobs and URLs, with its insight aggregates kept.
    public void delete(Account me, String itemId) {
        var item = itemById(itemId).filter(i -> canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        jdbi.useTransaction(h -> {
            if (!owner.id().equals(me.id())) TeamService.record(h, owner, me, "story.delete", itemId, clock.millis());
        });
        deleteItem(item);
        storyChanged(owner);
    }

    /// This node's feeds showing `owner` are rebuilt at once, other nodes' too (told by the bus).
    private void storyChanged(Account owner) {
        feed.changed(owner.id());
        events.publish(new Event.AccountChanged(clock.instant(), owner.id()));
    }

    public void setHighlight(Account me, String itemId, boolean highlight) {
        var now = clock.millis();
        var item = itemById(itemId).filter(i -> canManage(me, i))
                .orElseThrow(() -> new PastelException.NotFound("no story item " + itemId + " of yours"));
        var owner = accounts.byId(item.accountId());
        if (!owner.isPublic()) throw new PastelException.Conflict("highlights are for public accounts");
        if (highlight && item.expiresAt() != null && item.expiresAt().toEpochMilli() <= now) {
            throw new PastelException.Gone("this item has expired");
        }
        Long expires = highlight ? null : item.postedAt().toEpochMilli() + LIFETIME.toMillis();
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE story_item SET highlight = :h, expires_at = :e WHERE id = :id")
                    .bind("h", highlight).bind("e", expires).bind("id", itemId).execute();
            MediaStore.setExpiry(h, item.mediaId(), expires);
            TeamService.record(h, owner, me, highlight ? "story.highlight" : "story.unhighlight", itemId, now);
        });
        storyChanged(owner);
    }

    /// Deletes items whose 24 hours are over, keeping their aggregates for insights.
    public int sweep() {
        var now = clock.millis();
        var due = jdbi.withHandle(h -> h.createQuery("SELECT " + StoryItem.COLUMNS
                        + " FROM story_item i WHERE i.expires_at <= :now ORDER BY i.expires_at LIMIT 1000")
                .bind("now", now).map((rs, ctx) -> StoryItem.map(rs)).list());
        due.forEach(this::deleteItem);
        return due.size();
    }

    private void deleteItem(StoryItem item) {
        jdbi.useTransaction(h -> {
            freeze(h, item.id());
            h.createUpdate("DELETE FROM story_item WHERE id = :id").bind("id", item.id()).execute();
        });
        media.deleteById(item.mediaId());
    }

    /// Keeps an item's numbers (never its viewers) once the item itself is gone.
    static void freeze(Handle h, String itemId) {
        h.createUpdate("""
                INSERT INTO story_stats (item_id, account_id, posted_at, views, unique_viewers, completed_viewers,
                                         watch_ms_total, screenshots, replies, band_13_17, band_18_24, band_25_34,
                                         band_35_plus, subscriber_viewers)
                SELECT i.id, i.account_id, i.posted_at, i.views, COUNT(v.viewer_id),
                       COALESCE(SUM(CASE WHEN v.completed THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(v.longest_watch_ms), 0), i.screenshots, i.replies,
                       COALESCE(SUM(CASE WHEN v.age_band = '13-17' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN v.age_band = '18-24' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN v.age_band = '25-34' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN v.age_band = '35+' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN v.subscriber THEN 1 ELSE 0 END), 0)
                FROM story_item i LEFT JOIN story_view v ON v.item_id = i.id
                WHERE i.id = :id AND i.story = 'main'
                GROUP BY i.id, i.account_id, i.posted_at, i.views, i.screenshots, i.replies
                ON CONFLICT (item_id) DO NOTHING""")
                .bind("id", itemId).execute();
    }

    /// Forgets an account being deleted as a viewer (its per-item records go with its row).
    public void forgetViewer(String accountId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM story_daily_viewer WHERE viewer_id = :a OR account_id = :a")
                .bind("a", accountId).execute());
    }

    /// Forgets who viewed which account on which day, two days on; the daily counts stay.
    public int sweepDailyViewers() {
        var cutoff = Math.floorDiv(clock.millis(), 86_400_000L) - 2;
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM story_daily_viewer WHERE day < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private StoryItem visibleItem(Account viewer, String itemId, long now) {
        var item = itemById(itemId).orElseThrow(() -> new PastelException.NotFound("no story item " + itemId));
        var live = item.highlight() || (item.expiresAt() != null && item.expiresAt().toEpochMilli() > now);
        if (!live) throw new PastelException.Gone("this story item has expired");
        var owner = accounts.byId(item.accountId());
        if (viewer != null && accounts.eitherBlocks(viewer, owner)) throw new PastelException.NotFound("no story item " + itemId);
        if (item.audience().equals("public")) return item;
        if (viewer != null && (team.canManage(viewer, owner) || isFriend(viewer, owner))) return item;
        throw new PastelException.NotFound("no story item " + itemId);
    }

    private Optional<StoryItem> itemById(String itemId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + StoryItem.COLUMNS + " FROM story_item i WHERE i.id = :id")
                .bind("id", itemId).map((rs, ctx) -> StoryItem.map(rs)).findOne());
    }

    private boolean canManage(Account me, StoryItem item) {
        return me.id().equals(item.accountId()) || team.canManage(me, accounts.byId(item.accountId()));
    }

    private boolean isFriend(Account viewer, Account owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM friendship WHERE account_id = :a AND friend_id = :b")
                .bind("a", viewer.id()).bind("b", owner.id()).mapTo(Integer.class).one()) > 0;
    }

    private String ageBand(Account viewer) {
        if (viewer.birthDate() == null) return null;
        var age = ages.ageOf(viewer.birthDate());
        if (age < 18) return "13-17";
        if (age < 25) return "18-24";
        if (age < 35) return "25-34";
        return "35+";
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
