package pastel.insights;

import io.javalin.http.Context;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.problem.PastelException;

/// The insights routes of an official account: summary, per item, per day, and all three as CSV.
public final class InsightsRoutes {
    private final InsightsService insights;
    private final CurrentAccount current;

    public InsightsRoutes(InsightsService insights, CurrentAccount current) {
        this.insights = insights;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("insights");
        routes.get("/accounts/{username}/insights/summary", ctx -> ctx.json(insights.summary(account(ctx), days(ctx))))
                .summary("Subscribers, gains and losses, views, unique viewers, watch time, completion and audience").query("days", Integer.class, "1-90 (default 7)").returns(InsightsService.Summary.class).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/stories", ctx -> ctx.json(insights.items(account(ctx), days(ctx))))
                .summary("Per item: views, unique viewers, average watch, completion rate, screenshots, replies").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.ItemInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/daily", ctx -> ctx.json(insights.daily(account(ctx), days(ctx))))
                .summary("Per day: views, unique viewers, subscribers gained and lost").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.DayInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/export.csv", this::csv).produces("text/csv")
                .summary("All of the above as CSV").query("days", Integer.class, "1-90 (default 7)").access(Access.TEAM);
    }

    private Account account(Context ctx) {
        return insights.official(current.require(ctx), ctx.pathParam("username"));
    }

    private static int days(Context ctx) {
        var raw = ctx.queryParam("days");
        if (raw == null || raw.isBlank()) return 7;
        try {
            var days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= 90) return days;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PastelException.Invalid("days", "out-of-range", "must be a whole number from 1 to 90");
    }

    private void csv(Context ctx) {
        var account = account(ctx);
        var days = days(ctx);
        var csv = InsightsCsv.of(insights.summary(account, days), insights.items(account, days), insights.daily(account, days));
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + account.username() + "-insights-" + days + "d.csv\"")
                .result(csv);
    }
}
