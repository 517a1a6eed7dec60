package pastel.report;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import pastel.account.CurrentAccount;
import pastel.db.Ids;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;
import pastel.problem.ProblemType;

/// Reports of accounts, story items or snaps, queued for the instance admins (`pastel admin reports`).
public final class ReportService {
    private final Jdbi jdbi;
    private final CurrentAccount current;
    private final Clock clock;

    public ReportService(Jdbi jdbi, CurrentAccount current, Clock clock) {
        this.jdbi = jdbi;
        this.current = current;
        this.clock = clock;
    }

    public record Form(String username, String storyId, String snapId, String reason) {}

    /// What filing a report answers.
    public record Filed(String id, String status) {}

    public record Report(String id, String reporter, String account, String storyId, String snapId, String reason,
                         String status, Instant createdAt) {}

    public void register(Api api) {
        api.group("reports").post("/reports", this::create).body(Form.class).status(201)
                .summary("Report an account, a story item or a snap to the instance admins").returns(Filed.class).access(Access.SELF);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, Form.class);
        var reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty() || reason.length() > 1000) throw new PastelException.Invalid(reason.isEmpty()
                ? FieldError.required("reason") : FieldError.tooLong("reason", 1000));
        if (blank(form.username()) && blank(form.storyId()) && blank(form.snapId())) {
            throw new PastelException.Invalid("username", "required", "name what you report: username, storyId or snapId");
        }
        String accountId = null;
        if (!blank(form.username())) {
            accountId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM account WHERE username = :u")
                    .bind("u", form.username().strip().toLowerCase()).mapTo(String.class).findOne())
                    .orElseThrow(() -> new PastelException.NotFound(ProblemType.NO_SUCH_ACCOUNT, "no account named '" + form.username() + "'"));
        }
        var now = clock.millis();
        var storyId = blank(form.storyId()) ? null : form.storyId().strip();
        var snapId = blank(form.snapId()) ? null : form.snapId().strip();
        // What is reported must exist and be the reporter's to see: a story item still up, a snap
        // the reporter sent or received. Anything else is 404, whatever its length or shape.
        if (storyId != null && !(Ids.looksValid(storyId) && jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM story_item WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("id", storyId).bind("now", now).mapTo(Long.class).one()) > 0)) {
            throw new PastelException.NotFound("no such story item");
        }
        if (snapId != null && !(Ids.looksValid(snapId) && jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM snap s WHERE s.id = :id AND (s.sender_id = :me
                    OR EXISTS (SELECT 1 FROM snap_recipient r WHERE r.snap_id = s.id AND r.recipient_id = :me))""")
                .bind("id", snapId).bind("me", me.id()).mapTo(Long.class).one()) > 0)) {
            throw new PastelException.NotFound("no such snap");
        }
        var id = Ids.newId(now);
        var account = accountId;
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO report (id, reporter_id, account_id, story_id, snap_id, reason, status, created_at)
                VALUES (:id, :me, :account, :story, :snap, :reason, 'open', :now)""")
                .bind("id", id).bind("me", me.id()).bind("account", account)
                .bind("story", storyId)
                .bind("snap", snapId)
                .bind("reason", reason).bind("now", now).execute());
        ctx.status(201).json(new Filed(id, "open"));
    }

    /// The admin queue, oldest first.
    public List<Report> open() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT r.id, rp.username AS reporter, a.username AS account, r.story_id, r.snap_id, r.reason, r.status,
                       r.created_at
                FROM report r LEFT JOIN account rp ON rp.id = r.reporter_id LEFT JOIN account a ON a.id = r.account_id
                WHERE r.status = 'open' ORDER BY r.created_at""")
                .map((rs, c) -> new Report(rs.getString("id"), rs.getString("reporter"), rs.getString("account"),
                        rs.getString("story_id"), rs.getString("snap_id"), rs.getString("reason"), rs.getString("status"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    public boolean close(String id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE report SET status = 'closed' WHERE id = :id AND status = 'open'")
                .bind("id", id).execute()) == 1;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
