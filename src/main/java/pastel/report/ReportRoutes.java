package pastel.report;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;

/// `POST /reports`. The admins read the queue from the command line (`pastel admin reports`).
public final class ReportRoutes {
    private final ReportService reports;
    private final CurrentAccount current;

    public ReportRoutes(ReportService reports, CurrentAccount current) {
        this.reports = reports;
        this.current = current;
    }

    public record Form(String username, String storyId, String snapId, String reason) {}

    public void register(Api api) {
        api.group("reports").post("/reports", this::create).body(Form.class).status(201)
                .summary("Report an account, a story item or a snap to the instance admins").returns(ReportService.Filed.class).access(Access.SELF);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, Form.class);
        ctx.status(201).json(reports.file(me, form.username(), form.storyId(), form.snapId(), form.reason()));
    }
}
