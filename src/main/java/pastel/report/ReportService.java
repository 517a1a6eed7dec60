package pastel.report;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.account.Viewer;
import pastel.db.Ids;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;
import pastel.problem.ProblemType;

/// Reports of accounts, story items or snaps, queued for the instance admins, who decide them in
/// the web client's admin screen or with `pastel admin reports`.
public final class ReportService {
    /// The most reports one list answers (the oldest open ones first).
    static final int PAGE = 200;

    private final ReportStore store;
    private final AccountStore accounts;
    private final SignedUrls urls;
    private final Clock clock;

    /// `accounts` rather than the account service: the command line builds this on a bare
    /// database, without `urls` (it shows no media).
    public ReportService(Jdbi jdbi, AccountStore accounts, SignedUrls urls, Clock clock) {
        this.store = new ReportStore(jdbi);
        this.accounts = accounts;
        this.urls = urls;
        this.clock = clock;
    }

    /// What filing a report answers.
    public record Filed(String id, ReportStatus status) {}

    /// A report as the command line lists it.
    public record Report(String id, String reporter, String account, String storyId, String snapId, String reason,
                         ReportStatus status, Instant createdAt) {}

    /// A report as an admin reviews it, with what it names while that still exists: `account`,
    /// `story` and `snap` are null once gone (the ids say what it was). A snap shows who sent it
    /// and when, never its media: snaps are private.
    public record Review(String id, ReportStatus status, String reason, Instant createdAt, String reporter,
                         String decidedBy, Instant decidedAt, String accountId, ReportedAccount account,
                         String storyId, ReportedStory story, String snapId, ReportedSnap snap) {}

    /// The reported account's profile summary.
    public record ReportedAccount(String username, String displayName, String kind, String category, String city,
                                  boolean verified, Instant createdAt) {}

    /// The reported story item while it is up: its thumbnail (a link valid 5 minutes), caption
    /// and text alternative.
    public record ReportedStory(String account, String kind, String caption, String alt, Instant postedAt,
                                Instant expiresAt, String thumbUrl) {}

    /// Who sent the reported snap, and when.
    public record ReportedSnap(String from, Instant sentAt) {}

    /// Files a report of an account (`username`), a story item or a snap, with the reporter's reason.
    public Filed file(Account me, String username, String storyItemId, String snapIdOrNull, String rawReason) {
        var reason = rawReason == null ? "" : rawReason.strip();
        if (reason.isEmpty() || reason.length() > 1000) throw new PastelException.Invalid(reason.isEmpty()
                ? FieldError.required("reason") : FieldError.tooLong("reason", 1000));
        if (blank(username) && blank(storyItemId) && blank(snapIdOrNull)) {
            throw new PastelException.Invalid("username", "required", "name what you report: username, storyId or snapId");
        }
        String accountId = null;
        if (!blank(username)) {
            accountId = accounts.byUsername(username.strip()).map(Account::id)
                    .orElseThrow(() -> new PastelException.NotFound(ProblemType.NO_SUCH_ACCOUNT, "no account named '" + username + "'"));
        }
        var now = clock.millis();
        var storyId = blank(storyItemId) ? null : storyItemId.strip();
        var snapId = blank(snapIdOrNull) ? null : snapIdOrNull.strip();
        // What is reported must exist and be the reporter's to see: a story item still up, a snap
        // the reporter sent or received. Anything else is 404, whatever its length or shape.
        if (storyId != null && !(Ids.looksValid(storyId) && store.storyItemIsUp(storyId, now))) {
            throw new PastelException.NotFound("no such story item");
        }
        if (snapId != null && !(Ids.looksValid(snapId) && store.snapIsBetween(snapId, me.id()))) {
            throw new PastelException.NotFound("no such snap");
        }
        var id = Ids.newId(now);
        store.insert(id, me.id(), accountId, storyId, snapId, reason, now);
        return new Filed(id, ReportStatus.OPEN);
    }

    /// The command line's queue, oldest first.
    public List<Report> open() {
        return store.withStatus(ReportStatus.OPEN, Integer.MAX_VALUE).stream()
                .map(r -> new Report(r.id(), r.reporter(), store.account(nullSafe(r.accountId())).map(ReportStore.AccountRow::username).orElse(null),
                        r.storyId(), r.snapId(), r.reason(), r.status(), r.createdAt()))
                .toList();
    }

    /// Resolves an open report from the command line (no admin account to name); false when there is none.
    public boolean close(String id) {
        return Ids.looksValid(id) && store.decide(id, ReportStatus.RESOLVED, null, clock.instant());
    }

    /// Reports of `status` for `admin` to review, each with what it names while that exists.
    List<Review> review(Viewer admin, ReportStatus status) {
        var now = clock.instant();
        return store.withStatus(status, PAGE).stream().map(row -> reviewed(row, admin, now)).toList();
    }

    /// `admin` resolves or dismisses an open report: 404 when there is no such report, 409 when it
    /// was already decided (by whom is in the problem's detail; the queue shows it too).
    void decide(Account admin, String id, ReportStatus verdict) {
        if (!Ids.looksValid(id)) throw new PastelException.NotFound("no report " + id);
        if (store.decide(id, verdict, admin.username(), clock.instant())) return;
        var row = store.byId(id).orElseThrow(() -> new PastelException.NotFound("no report " + id));
        throw new PastelException.Conflict("the report was already " + row.status().name().toLowerCase()
                + (row.decidedBy() == null ? " from the command line" : " by " + row.decidedBy()));
    }

    private Review reviewed(ReportStore.Row row, Viewer admin, Instant now) {
        var account = row.accountId() == null ? null : store.account(row.accountId())
                .map(a -> new ReportedAccount(a.username(), a.displayName(), a.kind(), a.category(), a.city(), a.verified(),
                        a.createdAt())).orElse(null);
        var story = row.storyId() == null ? null : store.liveStoryItem(row.storyId(), now)
                .map(s -> new ReportedStory(s.username(), s.kind(), s.caption(), s.alt(), s.postedAt(), s.expiresAt(),
                        urls.sign(s.mediaId(), SignedUrls.Variant.THUMB, admin))).orElse(null);
        var snap = row.snapId() == null ? null : store.snap(row.snapId())
                .map(s -> new ReportedSnap(s.username(), s.sentAt())).orElse(null);
        return new Review(row.id(), row.status(), row.reason(), row.createdAt(), row.reporter(), row.decidedBy(),
                row.decidedAt(), row.accountId(), account, row.storyId(), story, row.snapId(), snap);
    }

    private static String nullSafe(String id) {
        return id == null ? "" : id;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
