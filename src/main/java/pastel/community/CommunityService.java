package pastel.community;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.db.Ids;
import pastel.http.Api;
import pastel.http.Json;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.story.StoryService;
import pastel.team.TeamService;
import pastel.realtime.Event;
import pastel.realtime.EventBus;

/// "Our Story": anyone submits a photo or video to an official account's community story,
/// managers approve or reject, approved items show 24 hours credited to the submitter unless
/// they chose to stay anonymous. Rejected media is deleted at once.
public final class CommunityService {
    /// A submission nobody moderates is dropped (and its media deleted) after a week.
    static final Duration PENDING_LIFETIME = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final TeamService team;
    private final StoryService stories;
    private final MediaService media;
    private final SignedUrls urls;
    private final CurrentAccount current;
    private final EventBus events;
    private final Clock clock;

    public CommunityService(Jdbi jdbi, AccountService accounts, TeamService team, StoryService stories,
                            MediaService media, SignedUrls urls, CurrentAccount current, EventBus events, Clock clock) {
        this.events = events;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.team = team;
        this.stories = stories;
        this.media = media;
        this.urls = urls;
        this.current = current;
        this.clock = clock;
    }

    public record SubmitForm(String mediaId, String caption, Boolean anonymous) {}

    public record Submission(String id, String status, String submitter, boolean anonymous, String caption, String kind,
                             Instant submittedAt, Instant decidedAt, String mediaUrl) {}

    public void register(Api api) {
        var routes = api.group("community");
        routes.post("/accounts/{username}/community/submissions", this::submit).body(SubmitForm.class).status(201)
                .summary("Submit a photo or video to an official account's community story").returns(Submission.class).access(Access.CONTACT);
        routes.get("/accounts/{username}/community/submissions", this::queue)
                .summary("The moderation queue (team only); status = pending, approved or rejected").query("status", String.class, "pending (default), approved or rejected").returns(Api.listOf(Submission.class)).access(Access.TEAM);
        routes.post("/accounts/{username}/community/submissions/{id}/approve", ctx -> decide(ctx, true)).status(204)
                .summary("Approve: the item shows 24 hours in the community story").access(Access.TEAM);
        routes.post("/accounts/{username}/community/submissions/{id}/reject", ctx -> decide(ctx, false)).status(204)
                .summary("Reject: the media is deleted at once").access(Access.TEAM);
        routes.get("/accounts/{username}/community", ctx -> {
            var viewer = current.viewer(ctx);
            var account = accounts.visibleTo(viewer.account(), ctx.pathParam("username"));
            ctx.header("Cache-Control", "private, no-store").json(stories.communityOf(viewer, account));
        }).open().summary("Approved community items active now, with their credit").returns(Api.listOf(StoryService.Visible.class)).access(Access.AUDIENCE);
    }

    private void submit(Context ctx) {
        var me = current.require(ctx);
        var account = accounts.visibleTo(me, ctx.pathParam("username"));
        if (!account.isPublic()) throw new PastelException.NotFound("only official accounts have a community story");
        var form = Json.read(ctx, SubmitForm.class);
        if (form.mediaId() == null || form.mediaId().isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("mediaId"));
        var caption = form.caption() == null || form.caption().isBlank() ? null : form.caption().strip();
        if (caption != null && caption.length() > 250) throw new PastelException.Invalid(PastelException.FieldError.tooLong("caption", 250));
        var now = clock.millis();
        var id = Ids.newId(now);
        var anonymous = Boolean.TRUE.equals(form.anonymous());
        jdbi.useTransaction(h -> {
            var upload = MediaStore.attach(h, form.mediaId(), me.id(), "submission", now + PENDING_LIFETIME.toMillis(), now)
                    .orElseThrow(() -> new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
            h.createUpdate("""
                    INSERT INTO community_submission (id, account_id, submitter_id, media_id, caption, anonymous, status,
                                                      submitted_at)
                    VALUES (:id, :account, :me, :media, :caption, :anonymous, 'pending', :now)""")
                    .bind("id", id).bind("account", account.id()).bind("me", me.id()).bind("media", upload.id())
                    .bind("caption", caption).bind("anonymous", anonymous).bind("now", now).execute();
        });
        ctx.status(201).json(new Submission(id, "pending", anonymous ? null : me.username(), anonymous, caption, null,
                Instant.ofEpochMilli(now), null, null));
    }

    private void queue(Context ctx) {
        var viewer = current.viewer(ctx);
        var account = team.managed(current.require(ctx), ctx.pathParam("username"));
        var status = ctx.queryParam("status") == null ? "pending" : ctx.queryParam("status").strip().toLowerCase();
        if (!List.of("pending", "approved", "rejected").contains(status)) {
            throw new PastelException.Invalid("status", "not-allowed-value", "must be pending, approved or rejected");
        }
        var now = clock.millis();
        ctx.header("Cache-Control", "private, no-store").json(jdbi.withHandle(h -> h.createQuery("""
                SELECT s.id, s.status, s.anonymous, s.caption, s.submitted_at, s.decided_at, s.media_id, a.username,
                       m.kind, m.expires_at
                FROM community_submission s JOIN account a ON a.id = s.submitter_id
                LEFT JOIN media m ON m.id = s.media_id
                WHERE s.account_id = :account AND s.status = :status
                ORDER BY s.submitted_at DESC LIMIT 200""")
                .bind("account", account.id()).bind("status", status)
                .map((rs, c) -> {
                    var mediaId = rs.getString("media_id");
                    var live = mediaId != null && rs.getString("kind") != null
                            && (rs.getObject("expires_at") == null || rs.getLong("expires_at") > now);
                    var anonymous = rs.getBoolean("anonymous");
                    var decided = rs.getObject("decided_at");
                    return new Submission(rs.getString("id"), rs.getString("status"),
                            anonymous ? null : rs.getString("username"), anonymous, rs.getString("caption"),
                            rs.getString("kind"), Instant.ofEpochMilli(rs.getLong("submitted_at")),
                            decided == null ? null : Instant.ofEpochMilli(((Number) decided).longValue()),
                            live ? urls.sign(mediaId, SignedUrls.Variant.ORIGINAL, viewer) : null);
                })
                .list()));
    }

    private record Decided(String submitterId, String mediaToDelete, String itemId) {}

    private void decide(Context ctx, boolean approve) {
        var me = current.require(ctx);
        var account = team.managed(me, ctx.pathParam("username"));
        var submissionId = ctx.pathParam("id");
        var now = clock.millis();
        var decided = jdbi.inTransaction(h -> {
            var row = h.createQuery("""
                    SELECT s.submitter_id, s.media_id, s.caption, s.anonymous, m.kind
                    FROM community_submission s LEFT JOIN media m ON m.id = s.media_id
                    WHERE s.id = :id AND s.account_id = :account""")
                    .bind("id", submissionId).bind("account", account.id()).mapToMap().findOne()
                    .orElseThrow(() -> new PastelException.NotFound("no submission " + submissionId));
            // One conditional UPDATE: two managers deciding at once cannot both win.
            var changed = h.createUpdate("""
                    UPDATE community_submission SET status = :status, decided_at = :now, decided_by = :me
                    WHERE id = :id AND status = 'pending'""")
                    .bind("status", approve ? "approved" : "rejected").bind("now", now).bind("me", me.id())
                    .bind("id", submissionId).execute();
            if (changed != 1) throw new PastelException.Conflict("this submission was already decided");
            var mediaId = (String) row.get("media_id");
            if (approve) {
                if (mediaId == null || row.get("kind") == null) throw new PastelException.Gone("the submitted media is gone");
                var itemId = Ids.newId(now);
                var expires = now + StoryService.LIFETIME.toMillis();
                var anonymous = Boolean.TRUE.equals(row.get("anonymous")) || Integer.valueOf(1).equals(row.get("anonymous"));
                StoryService.insert(h, itemId, account, me, mediaId, "community", (String) row.get("kind"),
                        StoryService.Audience.PUBLIC, (String) row.get("caption"),
                        anonymous ? null : (String) row.get("submitter_id"), now, expires);
                MediaStore.setExpiry(h, mediaId, expires);
                h.createUpdate("UPDATE community_submission SET item_id = :item WHERE id = :id")
                        .bind("item", itemId).bind("id", submissionId).execute();
                TeamService.record(h, account, me, "submission.approve", submissionId, now);
                return new Decided((String) row.get("submitter_id"), null, itemId);
            }
            TeamService.record(h, account, me, "submission.reject", submissionId, now);
            return new Decided((String) row.get("submitter_id"), mediaId, null);
        });
        // After the commit: a listener never sees a decision that may still roll back.
        if (decided.itemId() != null) {
            events.publish(new Event.SubmissionApproved(Instant.ofEpochMilli(now), decided.submitterId(),
                    account.username(), submissionId, decided.itemId()));
        } else {
            if (decided.mediaToDelete() != null) media.deleteById(decided.mediaToDelete());
            events.publish(new Event.SubmissionRejected(Instant.ofEpochMilli(now), decided.submitterId(),
                    account.username(), submissionId));
        }
        ctx.status(204);
    }

}
