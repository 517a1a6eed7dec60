package pastel.report;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;

/// `POST /reports` for everyone, and the admins' queue: list, resolve, dismiss (the web client's
/// admin screen; `pastel admin reports` on the command line).
public final class ReportRoutes {
    private final ReportService reports;
    private final CurrentAccount current;

    public ReportRoutes(ReportService reports, CurrentAccount current) {
        this.reports = reports;
        this.current = current;
    }

    public record Form(String username, String storyId, String snapId, String reason) {}

    public void register(Api api) {
        var routes = api.group("reports");
        routes.post("/reports", this::create).body(Form.class).status(201)
                .summary("Report an account, a story item or a snap to the instance admins").returns(ReportService.Filed.class).access(Access.SELF);
        routes.get("/admin/reports", this::list)
                .summary("Admin: reports of a status (open by default, oldest first), with the reported account, story item or snap while it exists")
                .query("status", String.class, "open (default), resolved or dismissed").returns(Api.listOf(ReportService.Review.class)).access(Access.ADMIN);
        routes.post("/admin/reports/{id}/resolve", ctx -> decide(ctx, ReportStatus.RESOLVED)).status(204)
                .summary("Admin: mark an open report resolved (acted on); 409 once decided").access(Access.ADMIN);
        routes.post("/admin/reports/{id}/dismiss", ctx -> decide(ctx, ReportStatus.DISMISSED)).status(204)
                .summary("Admin: dismiss an open report (nothing to do); 409 once decided").access(Access.ADMIN);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, Form.class);
        ctx.status(201).json(reports.file(me, form.username(), form.storyId(), form.snapId(), form.reason()));
    }

    private void list(Context ctx) {
        current.requireAdmin(ctx);
        var raw = ctx.queryParam("status");
        var status = raw == null ? ReportStatus.OPEN : ReportStatus.parse(raw);
        if (status == null) throw new PastelException.Invalid("status", "not-allowed-value", "must be open, resolved or dismissed");
        ctx.json(reports.review(current.viewer(ctx), status));
    }

    private void decide(Context ctx, ReportStatus verdict) {
        var admin = current.requireAdmin(ctx);
        reports.decide(admin, ctx.pathParam("id"), verdict);
        ctx.status(204);
    }
}
