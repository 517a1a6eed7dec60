package pastel.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Viewer;
import pastel.alttext.MediaTextService;
import pastel.db.Ids;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.story.StoryService;
import pastel.team.TeamService;

/// "Our Story": anyone submits a photo or video to an official account's community story,
/// managers approve or reject, approved items show 24 hours credited to the submitter unless
/// they chose to stay anonymous. Rejected media is deleted at once.
public final class CommunityService {
    /// A submission nobody moderates is dropped (and its media deleted) after a week.
    static final Duration PENDING_LIFETIME = Duration.ofDays(7);
    static final int MAX_CAPTION = 250;

    private final CommunityStore store;
    private final AccountService accounts;
    private final TeamService team;
    private final StoryService stories;
    private final MediaService media;
    private final SignedUrls urls;
    private final MediaTextService texts;
    private final EventBus events;
    private final Clock clock;

    public CommunityService(Jdbi jdbi, AccountService accounts, TeamService team, StoryService stories,
                            MediaService media, SignedUrls urls, MediaTextService texts, EventBus events, Clock clock) {
        this.texts = texts;
        this.store = new CommunityStore(jdbi);
        this.accounts = accounts;
        this.team = team;
        this.stories = stories;
        this.media = media;
        this.urls = urls;
        this.events = events;
        this.clock = clock;
    }

    /// `alt`: an optional text alternative of the photo or video (up to 1,500 characters).
    public record SubmitForm(String mediaId, String caption, Boolean anonymous, String alt) {}

    /// Approving may give the text alternative the submission lacks (or replace the one it has).
    public record DecideForm(String alt) {}

    /// A submission's text alternative, changed by its submitter or the account's team.
    public record AltForm(String alt) {}

    /// A submission's text alternative as now kept (null: none).
    public record AltOf(String id, String alt) {}

    public record Submission(String id, String status, String submitter, boolean anonymous, String caption, String kind,
                             Instant submittedAt, Instant decidedAt, String mediaUrl, String alt) {}

    /// The official account `username` as `me` sees it: what a submission goes to.
    Account official(Account me, String username) {
        var account = accounts.visibleTo(me, username);
        if (!account.isPublic()) throw new PastelException.NotFound("only official accounts have a community story");
        return account;
    }

    /// The account `username` if `me` is on its team (else 404).
    Account managed(Account me, String username) {
        return team.managed(me, username);
    }

    Submission submit(Account me, Account account, SubmitForm form) {
        if (form.mediaId() == null || form.mediaId().isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("mediaId"));
        var caption = form.caption() == null || form.caption().isBlank() ? null : form.caption().strip();
        if (caption != null && caption.length() > MAX_CAPTION) {
            throw new PastelException.Invalid(PastelException.FieldError.tooLong("caption", MAX_CAPTION));
        }
        var alt = texts.optional(form.alt());
        var now = now();
        var id = Ids.newId(now.toEpochMilli());
        var anonymous = Boolean.TRUE.equals(form.anonymous());
        store.jdbi().useTransaction(h -> {
            var upload = MediaStore.attach(h, form.mediaId(), me.id(), "submission",
                            now.plus(PENDING_LIFETIME).toEpochMilli(), now.toEpochMilli())
                    .orElseThrow(() -> new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
            CommunityStore.insert(h, new CommunityStore.NewSubmission(id, account.id(), me.id(), upload.id(), caption,
                    anonymous, SubmissionStatus.PENDING, now));
            if (alt != null) MediaTextService.saveAlt(h, upload.id(), alt);
        });
        return new Submission(id, SubmissionStatus.PENDING.label(), anonymous ? null : me.username(), anonymous, caption,
                null, now, null, null, alt);
    }

    /// The account's submissions in `status`, each with a media URL for `viewer` while its media lives.
    List<Submission> queue(Viewer viewer, Account account, SubmissionStatus status) {
        var now = now();
        var queued = store.queue(account.id(), status);
        var alts = texts.of(queued.stream().map(CommunityStore.Queued::mediaId).filter(java.util.Objects::nonNull).toList());
        return queued.stream().map(s -> {
            var live = s.mediaId() != null && s.kind() != null
                    && (s.mediaExpiresAt() == null || s.mediaExpiresAt().isAfter(now));
            var text = live ? alts.get(s.mediaId()) : null;
            return new Submission(s.id(), s.status().label(), s.anonymous() ? null : s.username(), s.anonymous(),
                    s.caption(), s.kind() == null ? null : s.kind().name().toLowerCase(), s.submittedAt(), s.decidedAt(),
                    live ? urls.sign(s.mediaId(), SignedUrls.Variant.ORIGINAL, viewer) : null, text == null ? null : text.alt());
        }).toList();
    }

    /// Approves (into the community story for 24 hours) or rejects (its media deleted) a pending submission.
    ///
    /// An approved item is published by the official account, on its public page too: it is held
    /// to the rule of the account's own posts, so approving needs a text alternative when the
    /// operator requires them (`PASTEL_REQUIRE_ALT`). A resident's submission may come without
    /// one (the resident is not the publisher); the team then writes it as it approves
    /// (`alt` in the body), or fixes the resident's.
    void decide(Account me, Account account, String submissionId, boolean approve, String givenAlt) {
        var alt = approve ? texts.optional(givenAlt) : null;
        var now = now();
        var mediaToDelete = store.jdbi().inTransaction(h -> {
            var submission = CommunityStore.find(h, submissionId, account.id())
                    .orElseThrow(() -> new PastelException.NotFound("no submission " + submissionId));
            var status = approve ? SubmissionStatus.APPROVED : SubmissionStatus.REJECTED;
            if (approve && submission.mediaId() != null) {
                var kept = alt != null ? alt : MediaTextService.altOf(h, submission.mediaId()).orElse(null);
                if (kept == null && texts.required()) {
                    throw new PastelException.Invalid("alt", "required", "approving publishes the item as "
                            + account.username() + ": describe it in a text alternative (alt, up to "
                            + MediaTextService.MAX_ALT + " characters)");
                }
                if (alt != null) MediaTextService.saveAlt(h, submission.mediaId(), alt);
            }
            if (!CommunityStore.decide(h, submissionId, status, me.id(), now)) {
                throw new PastelException.Conflict("this submission was already decided");
            }
            var mediaId = submission.mediaId();
            if (approve) {
                if (mediaId == null || submission.kind() == null) throw new PastelException.Gone("the submitted media is gone");
                var itemId = Ids.newId(now.toEpochMilli());
                var expires = StoryService.addToCommunity(h, itemId, account, me, mediaId, submission.kind(),
                        submission.caption(), submission.anonymous() ? null : submission.submitterId(), now);
                MediaStore.setExpiry(h, mediaId, expires.toEpochMilli());
                CommunityStore.setItem(h, submissionId, itemId);
                TeamService.record(h, account, me, "submission.approve", submissionId, now.toEpochMilli());
                events.publishAfterCommit(h, new Event.SubmissionApproved(now, submission.submitterId(),
                        account.username(), submissionId, itemId));
                // Feeds show the account's community ring: every node's cache forgets them.
                events.publishAfterCommit(h, new Event.AccountChanged(now, account.id()));
                return null;
            }
            TeamService.record(h, account, me, "submission.reject", submissionId, now.toEpochMilli());
            events.publishAfterCommit(h, new Event.SubmissionRejected(now, submission.submitterId(), account.username(),
                    submissionId));
            return approve ? null : mediaId;
        });
        // The bytes go once the rejection is committed.
        if (mediaToDelete != null) media.deleteById(mediaToDelete);
    }

    /// The submitter (while it is theirs: pending or approved) or the account's team changes a
    /// submission's text alternative; the approved item shows the new one (same media).
    AltOf editAlt(Account me, String username, String submissionId, String rawAlt) {
        var account = official(me, username);
        var found = store.jdbi().withHandle(h -> CommunityStore.find(h, submissionId, account.id()))
                .orElseThrow(() -> new PastelException.NotFound("no submission " + submissionId));
        var insider = team.canManage(me, account);
        if (!insider && !found.submitterId().equals(me.id())) throw new PastelException.NotFound("no submission " + submissionId);
        if (found.mediaId() == null || found.kind() == null) throw new PastelException.Gone("the submitted media is gone");
        var approved = found.status() == SubmissionStatus.APPROVED;
        var alt = texts.optional(rawAlt);
        if (alt == null && approved && texts.required()) {
            throw new PastelException.Invalid("alt", "required", "an approved item of an official account keeps a text alternative");
        }
        var now = now();
        store.jdbi().useTransaction(h -> {
            MediaTextService.saveAlt(h, found.mediaId(), alt);
            if (insider) TeamService.record(h, account, me, "submission.alt", submissionId, now.toEpochMilli());
        });
        return new AltOf(submissionId, alt);
    }

    /// Approved items of `username`'s community story active now, for `viewer`.
    List<StoryService.Visible> storyOf(Viewer viewer, String username) {
        var account = accounts.visibleTo(viewer.account(), username);
        return stories.communityOf(viewer, account);
    }

    /// Now, to the millisecond: what the database keeps.
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
