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

    public record Report(String id, String reporter, String account, String storyId, String snapId, String reason,
                         String status, Instant createdAt) {}

    public void register(Api api) {
        api.group("reports").post("/reports", this::create).body(Form.class).status(201)
                .summary("Report an account, a story item or a snap to the instance admins").access(Access.SELF);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, Form.class);
        var reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty() || reason.length() > 1000) throw new PastelException.Invalid("reason", "must be 1 to 1000 characters");
        if (blank(form.username()) && blank(form.storyId()) && blank(form.snapId())) {
            throw new PastelException.Invalid("username", "name what you report: username, storyId or snapId");
        }
        String accountId = null;
        if (!blank(form.username())) {
            accountId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM account WHERE username = :u")
                    .bind("u", form.username().strip().toLowerCase()).mapTo(String.class).findOne())
                    .orElseThrow(() -> new PastelException.NotFound("no account named '" + form.username() + "'"));
        }
        var now = clock.millis();
        var id = Ids.newId(now);
        var account = accountId;
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO report (id, reporter_id, account_id, story_id, snap_id, reason, status, created_at)
                VALUES (:id, :me, :account, :story, :snap, :reason, 'open', :now)""")
                .bind("id", id).bind("me", me.id()).bind("account", account)
                .bind("story", blank(form.storyId()) ? null : form.storyId().strip())
                .bind("snap", blank(form.snapId()) ? null : form.snapId().strip())
                .bind("reason", reason).bind("now", now).execute());
        ctx.status(201).json(Map.of("id", id, "status", "open"));
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
