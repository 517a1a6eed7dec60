package pastel.report;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.db.Ids;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;
import pastel.problem.ProblemType;

/// Reports of accounts, story items or snaps, queued for the instance admins (`pastel admin reports`).
public final class ReportService {
    private final ReportStore store;
    private final AccountStore accounts;
    private final Clock clock;

    /// `accounts` rather than the account service: the command line builds this on a bare database.
    public ReportService(Jdbi jdbi, AccountStore accounts, Clock clock) {
        this.store = new ReportStore(jdbi);
        this.accounts = accounts;
        this.clock = clock;
    }

    /// What filing a report answers.
    public record Filed(String id, String status) {}

    public record Report(String id, String reporter, String account, String storyId, String snapId, String reason,
                         String status, Instant createdAt) {}

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
        return new Filed(id, "open");
    }

    /// The admin queue, oldest first.
    public List<Report> open() {
        return store.open();
    }

    public boolean close(String id) {
        return store.close(id);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
