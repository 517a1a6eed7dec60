package pastel.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Viewer;
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
    private final EventBus events;
    private final Clock clock;

    public CommunityService(Jdbi jdbi, AccountService accounts, TeamService team, StoryService stories,
                            MediaService media, SignedUrls urls, EventBus events, Clock clock) {
        this.store = new CommunityStore(jdbi);
        this.accounts = accounts;
        this.team = team;
        this.stories = stories;
        this.media = media;
        this.urls = urls;
        this.events = events;
        this.clock = clock;
    }

    public record SubmitForm(String mediaId, String caption, Boolean anonymous) {}

    public record Submission(String id, String status, String submitter, boolean anonymous, String caption, String kind,
                             Instant submittedAt, Instant decidedAt, String mediaUrl) {}

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
        var now = now();
        var id = Ids.newId(now.toEpochMilli());
        var anonymous = Boolean.TRUE.equals(form.anonymous());
        store.jdbi().useTransaction(h -> {
            var upload = MediaStore.attach(h, form.mediaId(), me.id(), "submission",
                            now.plus(PENDING_LIFETIME).toEpochMilli(), now.toEpochMilli())
                    .orElseThrow(() -> new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
            CommunityStore.insert(h, new CommunityStore.NewSubmission(id, account.id(), me.id(), upload.id(), caption,
                    anonymous, SubmissionStatus.PENDING, now));
        });
        return new Submission(id, SubmissionStatus.PENDING.label(), anonymous ? null : me.username(), anonymous, caption,
                null, now, null, null);
    }

    /// The account's submissions in `status`, each with a media URL for `viewer` while its media lives.
    List<Submission> queue(Viewer viewer, Account account, SubmissionStatus status) {
        var now = now();
        return store.queue(account.id(), status).stream().map(s -> {
            var live = s.mediaId() != null && s.kind() != null
                    && (s.mediaExpiresAt() == null || s.mediaExpiresAt().isAfter(now));
            return new Submission(s.id(), s.status().label(), s.anonymous() ? null : s.username(), s.anonymous(),
                    s.caption(), s.kind() == null ? null : s.kind().name().toLowerCase(), s.submittedAt(), s.decidedAt(),
                    live ? urls.sign(s.mediaId(), SignedUrls.Variant.ORIGINAL, viewer) : null);
        }).toList();
    }

    /// Approves (into the community story for 24 hours) or rejects (its media deleted) a pending submission.
    void decide(Account me, Account account, String submissionId, boolean approve) {
        var now = now();
        var mediaToDelete = store.jdbi().inTransaction(h -> {
            var submission = CommunityStore.find(h, submissionId, account.id())
                    .orElseThrow(() -> new PastelException.NotFound("no submission " + submissionId));
            var status = approve ? SubmissionStatus.APPROVED : SubmissionStatus.REJECTED;
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
